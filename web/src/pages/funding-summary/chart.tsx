// The MDFM against its target as a bar chart (loaded on demand: recharts is large).
import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { Group, Progress, Stack, Text } from '@mantine/core';
import { useI18n } from '../../i18n';
import { Money } from '../../ui/format';
import { asSummary } from './summary';

export default function FundingChart({ summary }: { summary: unknown }) {
  const { t, f } = useI18n();
  const s = asSummary(summary);
  const target = Number(s.target) || 0;
  const data = [
    { figure: t('funding.target'), value: target },
    { figure: t('funding.pledged'), value: Number(s.pledged) },
    { figure: t('funding.received'), value: Number(s.received) },
    { figure: t('funding.outstanding'), value: Number(s.outstanding) },
    { figure: t('funding.overdue'), value: Number(s.overdue) },
  ];
  const share = target > 0 ? Math.min(1, Number(s.towardTarget) / target) : 0;
  return (
    <Stack gap="sm">
      <Group justify="space-between" wrap="wrap">
        <Text size="sm">
          {t('funding.towardTarget')} <Money value={s.towardTarget} /> / <Money value={s.target} />
        </Text>
        <Text size="sm" fw={600}>
          {f.percent(share)}
        </Text>
      </Group>
      <Progress value={share * 100} aria-label={t('funding.progress')} />
      <div
        role="img"
        aria-label={t('funding.chartLabel', {
          pledged: f.money(s.pledged),
          received: f.money(s.received),
          outstanding: f.money(s.outstanding),
          overdue: f.money(s.overdue),
          target: f.money(s.target),
        })}
      >
        <BarChart
          h={220}
          data={data}
          dataKey="figure"
          series={[{ name: 'value', label: t('funding.usd'), color: 'blue.6' }]}
          valueFormatter={(v) => f.money(v)}
          withTooltip
          tickLine="y"
          gridAxis="y"
          yAxisProps={{ width: 90 }}
        />
      </div>
    </Stack>
  );
}
