// The Sweep panel (issue 14): pick one or two numeric fields of the current experiment and their
// values (typed, or filled from a range), run every cell × seed in a worker, and see a heatmap
// (two axes) or the dose–response with ± 1 SE bars (one axis) grow as it runs. A cell opens its
// run in the lab. Bad input is named beside its field with the CLI's own messages.
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { parseConfig, type ExperimentConfig } from '../../sim/config';
import { configWith } from '../../sim/sweep';
import { SWEEP_PRESETS } from '../../sim/sweepPresets';
import type { CellResult } from '../../sim/sweepSession';
import type { LabStore } from '../store/labStore';
import { placeIssues, rangeValues, sweepFields, sweepInput, type AxisDraft, type PlacedIssues } from './sweepForm';
import type { SweepReply, SweepRequest } from './sweepProtocol';
import { SweepChart, SWEEP_METRICS, type SweepMetric } from './SweepChart';

interface Run {
  base: ExperimentConfig;
  axes: AxisDraft[];
  cells: number;
  runsPerCell: number;
  totalSteps: number;
  backend: string;
  /** Run-steps done over all, in [0, 1]. */
  progress: number;
  finishedCells: number;
  results: CellResult[];
  seconds?: number;
}

export function SweepPanel({ store }: { store: LabStore }) {
  const config = useStore(store, (s) => s.config);
  const fields = sweepFields(config);
  const [axes, setAxes] = useState<AxisDraft[]>(() => [{ path: fields[0]?.path ?? 'seed', values: '' }]);
  const [metric, setMetric] = useState<SweepMetric>('finalReward');
  const [issues, setIssues] = useState<PlacedIssues | null>(null);
  const [run, setRun] = useState<Run | null>(null);
  const [error, setError] = useState<string | null>(null);
  const worker = useSweepWorker((reply, sent) => {
    if (reply.type === 'invalid') setIssues(placeIssues(reply.issues, sent.axes.length));
    else if (reply.type === 'error') setError(reply.message);
    else if (reply.type === 'started') setRun({ ...sent, cells: reply.cells, runsPerCell: reply.runsPerCell, totalSteps: reply.totalSteps, backend: '…', progress: 0, finishedCells: 0, results: [] });
    else if (reply.type === 'progress') setRun((r) => r && { ...r, results: reply.results, progress: reply.progress, finishedCells: reply.finishedCells, backend: reply.backend });
    else setRun((r) => r && { ...r, results: reply.results, progress: 1, finishedCells: r.cells, seconds: reply.seconds });
  });
  const running = run !== null && run.seconds === undefined;

  function setAxis(i: number, patch: Partial<AxisDraft>): void {
    setAxes((all) => all.map((a, j) => (j === i ? { ...a, ...patch } : a)));
  }
  function start(): void {
    setIssues(null);
    setError(null);
    setRun(null);
    worker.start({ base: config, axes }, sweepInput(config, axes));
  }
  function loadPreset(id: string): void {
    const preset = SWEEP_PRESETS.find((p) => p.id === id);
    if (!preset) return;
    const { sweep, ...base } = preset.config as { sweep: { axes: { path: string; values: number[] }[] } };
    const parsed = parseConfig(base);
    if (!parsed.ok) return;
    store.getState().loadConfig(parsed.config);
    setAxes(sweep.axes.map((a) => ({ path: a.path, values: a.values.join(', ') })));
  }
  function open(index: number): void {
    const cell = run?.results[index];
    const parsed = cell && run && configWith(run.base, cell.values);
    if (parsed?.ok) store.getState().loadConfig(parsed.config);
  }

  return (
    <details className="sweep-panel">
      <summary>Sweep: dose–response over one or two settings</summary>
      <form className="controls" aria-label="Sweep" onSubmit={(e) => (e.preventDefault(), start())}>
        <div className="field">
          <label htmlFor="sweep-preset">Sweep preset</label>
          <select id="sweep-preset" defaultValue="" onChange={(e) => loadPreset(e.target.value)}>
            <option value="">(the current experiment)</option>
            {SWEEP_PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
        </div>
        {axes.map((axis, i) => (
          <AxisFields key={i} index={i} axis={axis} fields={fields} issues={issues?.axes[i]} onChange={(patch) => setAxis(i, patch)} onRemove={axes.length > 1 ? () => setAxes(axes.filter((_, j) => j !== i)) : undefined} />
        ))}
        {axes.length < 2 && (
          <button type="button" onClick={() => setAxes([...axes, { path: fields.find((f) => f.path !== axes[0].path)?.path ?? 'seed', values: '' }])}>
            Add a second axis
          </button>
        )}
        <p className="help">
          {config.runs} run{config.runs === 1 ? '' : 's'} per cell, {config.steps} steps each, seeds shared across cells (common random numbers).
        </p>
        {issues?.general.map((m) => (
          <p key={m} className="error" role="alert">
            {m}
          </p>
        ))}
        {error && (
          <p className="error" role="alert">
            {error}
          </p>
        )}
        <div className="panel-actions">
          <button type="submit" disabled={running}>
            Run sweep
          </button>
          {running && (
            <button type="button" onClick={() => (worker.cancel(), setRun(null))}>
              Stop
            </button>
          )}
        </div>
      </form>
      {run && (
        <section aria-label="Sweep results">
          <p className="help" role="status">
            {run.cells} cells × {run.runsPerCell} runs × {run.totalSteps} steps on {run.backend}:{' '}
            {run.seconds !== undefined ? `done in ${run.seconds.toFixed(1)} s` : `${Math.round(run.progress * 100)} %, ${run.finishedCells} cells done`}. Select a cell to open its run.
          </p>
          <progress max={1} value={run.progress} aria-label="Sweep progress" />
          <div className="field">
            <label htmlFor="sweep-metric">Show</label>
            <select id="sweep-metric" value={metric} onChange={(e) => setMetric(e.target.value as SweepMetric)}>
              {Object.entries(SWEEP_METRICS).map(([key, label]) => (
                <option key={key} value={key}>
                  {label}
                </option>
              ))}
            </select>
          </div>
          <SweepChart axes={run.axes} results={run.results} metric={metric} onSelect={open} />
        </section>
      )}
    </details>
  );
}

function AxisFields({ index, axis, fields, issues, onChange, onRemove }: { index: number; axis: AxisDraft; fields: ReturnType<typeof sweepFields>; issues?: { path?: string; values?: string }; onChange(patch: Partial<AxisDraft>): void; onRemove?: () => void }) {
  const id = `sweep-axis-${index}`;
  const [range, setRange] = useState({ from: '0.01', to: '1', count: '5', log: true });
  const known = fields.some((f) => f.path === axis.path);
  return (
    <fieldset className="sweep-axis">
      <legend>Axis {index + 1}</legend>
      <div className={`field ${issues?.path ? 'invalid' : ''}`}>
        <label htmlFor={`${id}-path`}>Setting</label>
        <select id={`${id}-path`} value={axis.path} aria-invalid={Boolean(issues?.path)} aria-describedby={issues?.path ? `${id}-path-error` : undefined} onChange={(e) => onChange({ path: e.target.value })}>
          {!known && <option value={axis.path}>{axis.path}</option>}
          {fields.map((f) => (
            <option key={f.path} value={f.path}>
              {f.verlKey ? `${f.path} (verl: ${f.verlKey})` : f.path}
            </option>
          ))}
        </select>
        {issues?.path && (
          <span id={`${id}-path-error`} className="error" role="alert">
            {issues.path}
          </span>
        )}
      </div>
      <div className={`field ${issues?.values ? 'invalid' : ''}`}>
        <label htmlFor={`${id}-values`}>Values (comma-separated)</label>
        <input id={`${id}-values`} type="text" value={axis.values} aria-invalid={Boolean(issues?.values)} aria-describedby={issues?.values ? `${id}-values-error` : undefined} onChange={(e) => onChange({ values: e.target.value })} />
        {issues?.values && (
          <span id={`${id}-values-error`} className="error" role="alert">
            {issues.values}
          </span>
        )}
      </div>
      <div className="sweep-range">
        <label>
          from <input type="text" inputMode="decimal" size={6} value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} />
        </label>
        <label>
          to <input type="text" inputMode="decimal" size={6} value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} />
        </label>
        <label>
          count <input type="text" inputMode="numeric" size={3} value={range.count} onChange={(e) => setRange({ ...range, count: e.target.value })} />
        </label>
        <label className="check">
          <input type="checkbox" checked={range.log} onChange={(e) => setRange({ ...range, log: e.target.checked })} /> log spacing
        </label>
        <button type="button" onClick={() => onChange({ values: rangeValues(Number(range.from), Number(range.to), Number(range.count), range.log).join(', ') })}>
          Fill values
        </button>
        {onRemove && (
          <button type="button" onClick={onRemove}>
            Remove axis
          </button>
        )}
      </div>
    </fieldset>
  );
}

/** The panel's worker, made on first use; replies come with what the page sent. */
function useSweepWorker(onReply: (reply: SweepReply, sent: { base: ExperimentConfig; axes: AxisDraft[] }) => void) {
  const worker = useRef<Worker | null>(null);
  const sent = useRef<{ base: ExperimentConfig; axes: AxisDraft[] } | null>(null);
  const handler = useRef(onReply);
  handler.current = onReply;
  useEffect(() => () => worker.current?.terminate(), []);
  function send(msg: SweepRequest): void {
    if (!worker.current) {
      worker.current = new Worker(new URL('./sweepWorker.ts', import.meta.url), { type: 'module' });
      worker.current.addEventListener('message', (e: MessageEvent<SweepReply>) => sent.current && handler.current(e.data, sent.current));
    }
    worker.current.postMessage(msg);
  }
  return {
    start(what: { base: ExperimentConfig; axes: AxisDraft[] }, input: Record<string, unknown>) {
      sent.current = what;
      send({ type: 'start', input });
    },
    cancel: () => send({ type: 'cancel' }),
  };
}
