import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { useI18n } from '../../i18n';
import { PLEDGE_STATUSES } from '../../lib/enums';

/** Pledges per status, in the order of the status machine (loaded on demand with recharts). */
export default function PipelineChart({ counts }: { counts: Record<string, number> }) {
  const { t } = useI18n();
  const data = PLEDGE_STATUSES.map((s) => ({ status: t(`status.${s}`), count: counts[s] ?? 0 }));
  const summary = data.map((d) => `${d.status}: ${d.count}`).join(', ');
  return (
    <div role="img" aria-label={t('funding.pipelineLabel', { summary })}>
      <BarChart
        h={320}
        data={data}
        dataKey="status"
        orientation="vertical"
        series={[{ name: 'count', label: t('funding.pledgeCount'), color: 'indigo.7' }]}
        yAxisProps={{ width: 130, interval: 0 }}
        // Counts of pledges: whole-number ticks only.
        xAxisProps={{ allowDecimals: false }}
        gridAxis="x"
        withTooltip
      />
    </div>
  );
}
