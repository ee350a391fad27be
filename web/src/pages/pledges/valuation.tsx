// The valuation of an in-kind pledge: what was proposed (amount, method, evidence) and, while it is
// proposed, the secretariat's approval or rejection.
import { Button, Card, Group, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import { api, unwrap, type Schemas } from '../../api/client';
import { useI18n } from '../../i18n';
import { FormError } from '../../ui/form-error';
import { Money, StatusBadge } from '../../ui/format';
import { useSubmit } from '../../ui/submit';

type Pledge = Schemas['Pledge'];

export function Valuation({ pledge }: { pledge: Pledge }) {
  const { t } = useI18n();
  const [error, setError] = useState<string | null>(null);
  const v = pledge.valuation;
  const decide = useSubmit(
    async (decision: 'approve' | 'reject') =>
      unwrap(
        await api.POST('/pledges/{id}/in-kind/valuation', {
          params: { path: { id: pledge.id } },
          body: { decision },
        }),
      ),
    {
      invalidate: ['/pledges', '/donors', '/funding'],
      form: { clear: () => setError(null), setProblem: (e) => setError(e instanceof Error ? e.message : String(e)) },
      success: t('console.valuation.decided'),
    },
  );
  const inKind = (pledge.inKind ?? {}) as { description?: string; quantity?: string; unit?: string };
  return (
    <Card withBorder component="section" aria-labelledby="valuation">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="valuation">
          {t('console.valuation.title')}
        </Title>
        <StatusBadge value={v?.status ?? 'none'} />
      </Group>
      <Stack gap="xs">
        {inKind.description && <Text size="sm">{inKind.description}</Text>}
        {inKind.quantity && (
          <Text size="sm" c="dimmed">
            {inKind.quantity} {inKind.unit}
          </Text>
        )}
        {v?.amount ? (
          <dl style={{ margin: 0 }}>
            {(
              [
                ['console.valuation.amount', <Money key="m" value={v.amount.value} currency={v.amount.currency} />],
                ['console.valuation.method', v.method],
                ['console.valuation.evidence', v.evidence],
              ] as const
            ).map(([k, value]) => (
              <div key={k}>
                <Text component="dt" size="xs" c="dimmed">
                  {t(k)}
                </Text>
                <Text component="dd" m={0} size="sm" mb="xs" style={{ whiteSpace: 'pre-wrap' }}>
                  {value ?? '—'}
                </Text>
              </div>
            ))}
          </dl>
        ) : (
          <Text size="sm">{t('console.valuation.none')}</Text>
        )}
        <FormError message={error} />
        {v?.status === 'proposed' && (
          <Group>
            <Button
              loading={decide.isPending && decide.variables === 'approve'}
              onClick={() => decide.mutate('approve')}
            >
              {t('console.valuation.approve')}
            </Button>
            <Button
              color="red"
              variant="light"
              loading={decide.isPending && decide.variables === 'reject'}
              onClick={() => decide.mutate('reject')}
            >
              {t('console.valuation.reject')}
            </Button>
          </Group>
        )}
      </Stack>
    </Card>
  );
}
