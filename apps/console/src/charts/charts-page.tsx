import { useEffect, useMemo, useState } from 'preact/hooks';
import type { ChoiceStatistics, HealthAnswer } from '../api/types';
import { useConsole } from '../context';
import { eventLabel } from '../i18n/labels';
import { Status } from '../status';
import { useLoad } from '../use-load';
import { TimeChart, type ChartSeries } from './time-chart';

const CHOICE_COLOURS: Record<string, string> = {
  ConsentGiven: '#1b7f3b',
  ConsentWithdrawn: '#b3261e',
  OppositionRegistered: '#7a3db8',
  OppositionWithdrawn: '#1a5fb4',
};
const LAG_SAMPLE_MS = 5000;
const LAG_SAMPLES_KEPT = 720; // an hour of samples

/** Consents and oppositions by purpose and channel over time, and the projection's lag. */
export function ChartsPage() {
  const { t } = useConsole();
  return (
    <section aria-labelledby="charts-title">
      <h1 id="charts-title" tabIndex={-1}>
        {t('navCharts')}
      </h1>
      <ChoiceCharts />
      <LagChart />
    </section>
  );
}

function ChoiceCharts() {
  const { api, t, language } = useConsole();
  const [days, setDays] = useState(30);
  const [purpose, setPurpose] = useState('');
  const [channel, setChannel] = useState('');
  const loaded = useLoad(
    () => api.get<ChoiceStatistics>(`/v1/statistics/choices?days=${days}`),
    String(days),
  );
  const stats = loaded.data;
  const purposes = useMemo(() => [...new Set(stats?.counts.map((c) => c.purpose) ?? [])].sort(), [stats]);
  const channels = useMemo(() => [...new Set(stats?.counts.map((c) => c.channel) ?? [])].sort(), [stats]);
  const chart = useMemo(() => {
    if (!stats) return undefined;
    const x = stats.days.map((day) => Date.parse(`${day}T00:00:00Z`) / 1000);
    const index = new Map(stats.days.map((day, i) => [day, i]));
    const series: ChartSeries[] = Object.keys(CHOICE_COLOURS).map((type) => {
      const values: number[] = stats.days.map(() => 0);
      for (const row of stats.counts) {
        if (row.type !== type || (purpose && row.purpose !== purpose) || (channel && row.channel !== channel))
          continue;
        const at = index.get(row.day);
        if (at !== undefined) values[at] += row.count;
      }
      return { label: eventLabel(language, type), values, colour: CHOICE_COLOURS[type] };
    });
    return { x, series };
  }, [stats, purpose, channel, language]);
  return (
    <section aria-labelledby="choices-title">
      <h2 id="choices-title">{t('chartsTitle')}</h2>
      <div class="filters">
        <label>
          {t('days')}{' '}
          <select value={String(days)} onChange={(event) => setDays(Number(event.currentTarget.value))}>
            {[7, 30, 92].map((n) => (
              <option key={n} value={String(n)}>
                {n}
              </option>
            ))}
          </select>
        </label>
        <ChoiceFilter
          label={t('purpose')}
          all={t('allPurposes')}
          values={purposes}
          value={purpose}
          onChange={setPurpose}
        />
        <ChoiceFilter
          label={t('channel')}
          all={t('allChannels')}
          values={channels}
          value={channel}
          onChange={setChannel}
        />
      </div>
      <Status loading={loaded.loading} error={loaded.error} />
      {chart && (
        <TimeChart
          title={`${t('chartsTitle')} — ${purpose || t('allPurposes')}, ${channel || t('allChannels')}`}
          x={chart.x}
          series={chart.series}
          xHeading={t('day')}
          xLabel={(seconds) => new Date(seconds * 1000).toISOString().slice(0, 10)}
          testId="choices-chart"
        />
      )}
    </section>
  );
}

/** A select of the values the statistics hold, with "all" first (the empty value). */
function ChoiceFilter(props: {
  label: string;
  all: string;
  values: string[];
  value: string;
  onChange: (value: string) => void;
}) {
  return (
    <label>
      {props.label}{' '}
      <select value={props.value} onChange={(event) => props.onChange(event.currentTarget.value)}>
        <option value="">{props.all}</option>
        {props.values.map((value) => (
          <option key={value} value={value}>
            {value}
          </option>
        ))}
      </select>
    </label>
  );
}

/** The lag has no history in the API: the page samples /health while it is open. */
function LagChart() {
  const { t, language } = useConsole();
  const [samples, setSamples] = useState<Array<{ at: number; lagMs: number }>>([]);
  const [latest, setLatest] = useState<HealthAnswer | undefined>(undefined);
  const [error, setError] = useState<Error | undefined>(undefined);
  useEffect(() => {
    let stopped = false;
    const sample = async () => {
      try {
        // /health is 503 while degraded, with the same report: both are samples.
        const response = await fetch('/health', { cache: 'no-store' });
        const report = (await response.json()) as HealthAnswer;
        if (stopped) return;
        setLatest(report);
        setError(undefined);
        const lagMs = Math.max(0, ...report.checks.readSide.partitions.map((p) => p.lagMs));
        setSamples((kept) => [...kept, { at: Date.now() / 1000, lagMs }].slice(-LAG_SAMPLES_KEPT));
      } catch (failure) {
        if (!stopped) setError(failure as Error);
      }
    };
    void sample();
    const timer = window.setInterval(() => void sample(), LAG_SAMPLE_MS);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, []);
  const x = useMemo(() => samples.map((s) => s.at), [samples]);
  const series = useMemo(
    () => [{ label: t('lagMs'), values: samples.map((s) => s.lagMs), colour: '#b35900' }],
    [samples, language],
  );
  return (
    <section aria-labelledby="lag-title">
      <h2 id="lag-title">{t('lagTitle')}</h2>
      <p class="muted">{t('lagHelp')}</p>
      <Status loading={!latest && !error} error={error} />
      {latest && (
        <p>
          {t('health')}: <strong data-testid="health-status">{latest.status}</strong> ·{' '}
          {latest.checks.readSide.partitions
            .map((p) => `${t('partition')} ${p.partition}: ${p.lagMs} ms`)
            .join(' · ')}
        </p>
      )}
      {samples.length > 0 && (
        <TimeChart
          title={t('lagTitle')}
          x={x}
          series={series}
          xHeading={t('time')}
          xLabel={(seconds) => new Date(seconds * 1000).toISOString().slice(11, 19)}
          testId="lag-chart"
        />
      )}
    </section>
  );
}
