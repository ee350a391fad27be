// The frame of the public partner pages (no sign-in): the app's name, the language switch, a card.
import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import { useEffect, type ReactNode } from 'react';
import { useT } from '../../i18n';
import { LanguageSwitch } from '../../ui/shell';

export function PublicFrame({ title, children }: { title: string; children: ReactNode }) {
  const t = useT();
  useEffect(() => {
    document.title = `${title} · GNLC`;
  }, [title]);
  return (
    <Stack component="main" mih="100vh" p="md" align="center">
      <Paper withBorder shadow="sm" p={{ base: 'md', sm: 'xl' }} radius="md" w="100%" maw={640}>
        <Stack>
          <Group justify="space-between" wrap="nowrap">
            <Text fw={700}>{t('app.name')}</Text>
            <LanguageSwitch />
          </Group>
          <Title order={1} size="h2">
            {title}
          </Title>
          {children}
        </Stack>
      </Paper>
    </Stack>
  );
}
