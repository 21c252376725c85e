import { useEffect, useRef } from 'preact/hooks';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useConsole } from '../context';

export interface ChartSeries {
  label: string;
  values: Array<number | null>;
  colour: string;
}

interface TimeChartProps {
  title: string;
  /** Instants of the points, in seconds since the epoch (uPlot's unit). */
  x: number[];
  series: ChartSeries[];
  /** How an instant reads in the table beside the chart. */
  xLabel: (seconds: number) => string;
  xHeading: string;
  testId: string;
}

/**
 * A uPlot line chart, and the same numbers as a table for screen readers and keyboards (the
 * canvas itself is an image to them, named by its title).
 */
export function TimeChart({ title, x, series, xLabel, xHeading, testId }: TimeChartProps) {
  const { t } = useConsole();
  const holder = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const element = holder.current;
    if (!element) return undefined;
    const chart = new uPlot(
      {
        width: Math.max(320, Math.min(900, element.clientWidth || 900)),
        height: 260,
        series: [{}, ...series.map((s) => ({ label: s.label, stroke: s.colour, width: 2 }))],
        // One point alone would stretch the time axis over years: give it a minute either side.
        scales: {
          x: { time: true, range: (_u, min, max) => (min === max ? [min - 60, max + 60] : [min, max]) },
        },
        axes: [{}, {}],
      },
      [x, ...series.map((s) => s.values)],
      element,
    );
    return () => chart.destroy();
  }, [x, series]);
  return (
    <figure class="chart" data-testid={testId}>
      <figcaption>{title}</figcaption>
      <div ref={holder} role="img" aria-label={title} />
      <details>
        <summary>{t('showTable')}</summary>
        <div class="scroll">
          <table>
            <caption class="visually-hidden">{title}</caption>
            <thead>
              <tr>
                <th scope="col">{xHeading}</th>
                {series.map((s) => (
                  <th scope="col" key={s.label}>
                    {s.label}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {x.map((instant, row) => (
                <tr key={instant}>
                  <th scope="row">{xLabel(instant)}</th>
                  {series.map((s) => (
                    <td key={s.label}>{s.values[row] ?? ''}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </details>
    </figure>
  );
}
