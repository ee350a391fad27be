// The frame of the public membership pages (no sign-in): the network's name, the language switch, one card.
import { Center, Group, Paper, Stack, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import { useT } from '../../i18n';
import { LanguageSwitch } from '../../ui/shell';

export function PublicFrame({ children, width = 720 }: { children: ReactNode; width?: number }) {
  const t = useT();
  return (
    <Center mih="100vh" p="md" component="main">
      <Paper withBorder shadow="sm" p="lg" radius="md" w="100%" maw={width}>
        <Stack>
          <Group justify="space-between" wrap="nowrap">
            <Text fw={700}>{t('app.fullName')}</Text>
            <LanguageSwitch />
          </Group>
          {children}
        </Stack>
      </Paper>
    </Center>
  );
}
