// A list page's filter bar (a search landmark) and its debounced free-text search kept in the URL.
import { Group, TextInput, type GroupProps, type TextInputProps } from '@mantine/core';
import { useDebouncedCallback } from '@mantine/hooks';
import { useState, type ReactNode } from 'react';
import { useT } from '../i18n';

export function FilterBar({ children, ...props }: Omit<GroupProps, 'role' | 'aria-label'> & { children: ReactNode }) {
  const t = useT();
  return (
    <Group mb="md" role="search" aria-label={t('filters.label')} {...props}>
      {children}
    </Group>
  );
}

/** A search box showing what is typed at once and pushing it to the URL filter after a pause. */
export function SearchFilter({
  value,
  onChange,
  label,
  description,
  type = 'search',
  w = { base: '100%', sm: 260 },
}: {
  value: string | undefined;
  onChange: (v: string) => void;
  label?: string;
  description?: string;
  /** `text` for a filter that is not a search box (a textbox, not a searchbox). */
  type?: 'search' | 'text';
  w?: TextInputProps['w'];
}) {
  const t = useT();
  const [text, setText] = useState(value ?? '');
  const push = useDebouncedCallback(onChange, 300);
  return (
    <TextInput
      label={label ?? t('filters.search')}
      description={description}
      type={type === 'search' ? 'search' : undefined}
      value={text}
      onChange={(e) => {
        setText(e.currentTarget.value);
        push(e.currentTarget.value);
      }}
      w={w}
    />
  );
}
