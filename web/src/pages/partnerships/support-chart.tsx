import '@mantine/charts/styles.css';
import { BarChart } from '@mantine/charts';
import { useT } from '../../i18n';

/** Partnerships per African country, active and completed (loaded on demand with recharts). */
export default function SupportChart({ rows }: { rows: { name: string; active: number; completed: number }[] }) {
  const t = useT();
  const summary = rows.map((r) => `${r.name}: ${r.active} + ${r.completed}`).join(', ');
  return (
    <div role="img" aria-label={`${t('africa.chart')} — ${summary}`}>
      <BarChart
        h={Math.max(160, rows.length * 36 + 60)}
        data={rows}
        dataKey="name"
        orientation="vertical"
        type="stacked"
        series={[
          { name: 'active', label: t('africa.active'), color: 'green.8' },
          { name: 'completed', label: t('africa.completed'), color: 'indigo.7' },
        ]}
        yAxisProps={{ width: 130, interval: 0 }}
        xAxisProps={{ allowDecimals: false }}
        gridAxis="x"
        withLegend
        withTooltip
      />
    </div>
  );
}
