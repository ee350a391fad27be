// Selects fed by the API (countries, clusters, cities) or by an enumeration with catalogue labels.
import { Select, type SelectProps } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState } from 'react';
import { useApi } from '../api/query';
import { useI18n, type MessageKey } from '../i18n';

type Base = Omit<SelectProps, 'data' | 'value' | 'onChange'> & {
  value: string | null | undefined;
  onChange: (v: string | null) => void;
};

export function EnumSelect({ options, prefix, ...props }: Base & { options: readonly string[]; prefix: string }) {
  const { t } = useI18n();
  return (
    <Select
      {...props}
      value={props.value ?? null}
      data={options.map((o) => ({ value: o, label: t(`${prefix}.${o}` as MessageKey) }))}
    />
  );
}

export function useCountries() {
  const first = useApi('/countries', { params: { query: { limit: 200 } } }, { staleTime: 3_600_000 });
  const more = useApi(
    '/countries',
    { params: { query: { limit: 200, offset: 200 } } },
    { staleTime: 3_600_000, enabled: (first.data?.total ?? 0) > 200 },
  );
  const items = [...(first.data?.items ?? []), ...(more.data?.items ?? [])];
  return { items, names: new Map(items.map((c) => [c.code, c.name])), isPending: first.isPending };
}

export function CountrySelect(props: Base) {
  const { items } = useCountries();
  return (
    <Select
      searchable
      clearable
      {...props}
      value={props.value ?? null}
      data={items.map((c) => ({ value: c.code, label: `${c.name} (${c.code})` }))}
    />
  );
}

export function ClusterSelect({ activeOnly, ...props }: Base & { activeOnly?: boolean }) {
  const clusters = useApi(
    '/clusters',
    { params: { query: activeOnly ? { status: 'active' } : { limit: 50 } } },
    { staleTime: 3_600_000 },
  );
  return (
    <Select
      clearable
      {...props}
      value={props.value ?? null}
      data={(clusters.data?.items ?? []).map((c) => ({ value: c.code, label: `${c.code} — ${c.name}` }))}
    />
  );
}

/** A city chosen by typing part of its name (GET /cities?q=). */
export function CitySelect({ cluster, ...props }: Base & { cluster?: string }) {
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search, 250);
  const query: { limit: number; q?: string; cluster?: string } = { limit: 20 };
  if (q) query.q = q;
  if (cluster) query.cluster = cluster;
  const cities = useApi('/cities', { params: { query } });
  const [picked, setPicked] = useState<{ value: string; label: string } | null>(null);
  const data = (cities.data?.items ?? []).map((c) => ({ value: c.id, label: `${c.name} (${c.country})` }));
  if (picked && !data.some((d) => d.value === picked.value)) data.unshift(picked);
  return (
    <Select
      searchable
      clearable
      filter={({ options }) => options}
      {...props}
      value={props.value ?? null}
      data={data}
      searchValue={search}
      onSearchChange={setSearch}
      onChange={(v, option) => {
        setPicked(option ? { value: option.value, label: option.label } : null);
        props.onChange(v);
      }}
    />
  );
}

export function DonorSelect(props: Base) {
  const donors = useApi('/donors', { params: { query: { limit: 200 } } });
  return (
    <Select
      searchable
      clearable
      {...props}
      value={props.value ?? null}
      data={(donors.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
    />
  );
}
