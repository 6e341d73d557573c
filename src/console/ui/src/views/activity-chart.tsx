/**
 * @module
 * Events and runs over time (`GET /api/activity`), drawn by uPlot: events per bucket, and runs per
 * bucket by outcome with the runs that had failed steps. Refreshed every few seconds; the window
 * is the runtime's clock, so under a virtual clock the axis shows simulated time.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import { useEffect, useRef, useState } from 'preact/hooks';
import { get } from '../api-client.ts';
import { activityColumns, RUN_SERIES } from '../activity-series.ts';
import type { ActivityView } from '../activity-series.ts';

const WINDOWS = [
  { label: '15 min', minutes: 15, bucketSeconds: 15 },
  { label: '1 hour', minutes: 60, bucketSeconds: 60 },
  { label: '1 day', minutes: 1440, bucketSeconds: 1800 },
] as const;

const COLORS: Record<string, string> = {
  events: '#3b82f6',
  completed: '#16a34a',
  failed: '#dc2626',
  active: '#d97706',
  cancelled: '#6b7280',
  withFailedSteps: '#9333ea',
};

/** One uPlot chart bound to a container; redraws on new data and on resize. */
function Chart(props: {
  title: string;
  testId: string;
  series: Array<{ label: string; key: string }>;
  data: uPlot.AlignedData;
  bars?: boolean;
}): preact.JSX.Element {
  const box = useRef<HTMLDivElement>(null);
  const plot = useRef<uPlot | null>(null);
  const shape = props.series.map((s) => s.key).join(',');
  useEffect(() => {
    const el = box.current;
    if (!el) return undefined;
    const width = Math.max(240, el.clientWidth);
    plot.current = new uPlot(
      {
        width,
        height: 160,
        legend: { show: true },
        cursor: { drag: { x: false, y: false } },
        scales: { x: { time: true } },
        axes: [{}, { size: 40 }],
        series: [
          {},
          ...props.series.map((s) => ({
            label: s.label,
            stroke: COLORS[s.key],
            width: 2,
            ...(props.bars ? { fill: `${COLORS[s.key]}33`, paths: uPlot.paths.stepped!({ align: 1 }) } : {}),
          })),
        ],
      },
      props.data,
      el,
    );
    const resize = new ResizeObserver(() =>
      plot.current?.setSize({ width: Math.max(240, el.clientWidth), height: 160 }),
    );
    resize.observe(el);
    return () => {
      resize.disconnect();
      plot.current?.destroy();
      plot.current = null;
    };
    // A new uPlot only when the series change; data flows through setData below.
  }, [shape]);
  useEffect(() => plot.current?.setData(props.data), [props.data]);
  return (
    <figure class="activity-chart" data-testid={props.testId} aria-label={props.title}>
      <figcaption class="small muted">{props.title}</figcaption>
      <div ref={box} />
    </figure>
  );
}

/** The activity panel: a window selector and the two charts, with totals for screen readers. */
export function ActivityCharts(): preact.JSX.Element {
  const [w, setW] = useState(1);
  const [view, setView] = useState<ActivityView | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    const { minutes, bucketSeconds } = WINDOWS[w]!;
    const load = (): void => {
      get<ActivityView>('/api/activity', { minutes, bucketSeconds }).then(
        (v) => live && (setView(v), setError(undefined)),
        (e: unknown) => live && setError(e instanceof Error ? e.message : String(e)),
      );
    };
    load();
    const timer = setInterval(load, 5000);
    return () => {
      live = false;
      clearInterval(timer);
    };
  }, [w]);
  const cols = view ? activityColumns(view) : undefined;
  return (
    <section class="activity" data-testid="activity" aria-label="Events and runs over time">
      <div class="activity-head">
        <strong>Activity</strong>
        {cols ? (
          <span class="small muted" data-testid="activity-totals">
            {cols.totals.events} events · {cols.totals.runs} runs · {cols.totals.failed} failed
          </span>
        ) : null}
        <div class="segmented" role="group" aria-label="Time window">
          {WINDOWS.map((x, i) => (
            <button
              key={x.label}
              type="button"
              class={`button small${i === w ? ' active' : ''}`}
              aria-pressed={i === w}
              onClick={() => setW(i)}
            >
              {x.label}
            </button>
          ))}
        </div>
      </div>
      {error ? (
        <div class="error small" role="alert">
          The activity charts could not load: {error}
        </div>
      ) : null}
      {cols ? (
        <div class="activity-grid">
          <Chart
            title={`Events per ${WINDOWS[w]!.bucketSeconds} s`}
            testId="chart-events"
            series={[{ key: 'events', label: 'events' }]}
            data={[cols.x, cols.events]}
            bars
          />
          <Chart
            title={`Runs started per ${WINDOWS[w]!.bucketSeconds} s, by outcome`}
            testId="chart-runs"
            series={RUN_SERIES.map((s) => ({ key: s.key, label: s.label }))}
            data={[cols.x, ...RUN_SERIES.map((s) => cols.runs[s.key])]}
          />
        </div>
      ) : null}
    </section>
  );
}
