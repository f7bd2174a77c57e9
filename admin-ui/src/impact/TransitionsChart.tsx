/** The impact preview's chart: decisions per outcome transition (lazy-loaded: @mui/x-charts is heavy). */
import { BarChart } from '@mui/x-charts/BarChart';

export interface TransitionBar {
  label: string;
  count: number;
  changed: boolean;
}

export default function TransitionsChart({
  bars,
  seriesLabel,
}: {
  bars: TransitionBar[];
  seriesLabel: string;
}) {
  return (
    <BarChart
      layout="horizontal"
      height={Math.max(160, 56 * bars.length + 60)}
      margin={{ left: 8, right: 24 }}
      yAxis={[
        {
          scaleType: 'band',
          data: bars.map((b) => b.label),
          width: 260,
          colorMap: {
            type: 'ordinal',
            values: bars.map((b) => b.label),
            colors: bars.map((b) => (b.changed ? '#ed6c02' : '#9e9e9e')),
          },
        },
      ]}
      xAxis={[{ tickMinStep: 1 }]}
      series={[{ data: bars.map((b) => b.count), label: seriesLabel }]}
      hideLegend
    />
  );
}
