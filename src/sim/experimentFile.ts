// The whole experiment as one JSON file (issue 7): config, permalink and every run's records,
// columnar to stay compact. Import validates everything and recomputes the summary from the
// records, so a file can never smuggle in numbers the charts would not have drawn.
import { parseConfig, formatIssues, type ExperimentConfig } from './config';
import { recordColumns } from './exportFormats';
import { encodePermalink } from './permalink';
import { recordsByRun, summarize, type Summary } from './summary';
import type { BackendName, RunStatus, StepRecord } from './types';

export const EXPERIMENT_FORMAT = 'entropy-lab/experiment';
export const EXPERIMENT_FILE_VERSION = 1;

export interface ExperimentFile {
  format: typeof EXPERIMENT_FORMAT;
  version: typeof EXPERIMENT_FILE_VERSION;
  name: string;
  backend: BackendName;
  config: ExperimentConfig;
  permalink: string;
  columns: string[];
  /** rows[run][i] is one step record's values in column order. */
  rows: number[][][];
  statuses: { status: RunStatus; reason?: string }[];
}

export interface LoadedExperiment {
  name: string;
  backend: BackendName;
  config: ExperimentConfig;
  records: StepRecord[][];
  summary: Summary;
}

export function toExperimentFile(
  name: string,
  backend: BackendName,
  config: ExperimentConfig,
  records: StepRecord[][],
  statuses: { status: RunStatus; reason?: string }[],
): ExperimentFile {
  const columns = recordColumns(records.flat());
  return {
    format: EXPERIMENT_FORMAT,
    version: EXPERIMENT_FILE_VERSION,
    name,
    backend,
    config,
    permalink: encodePermalink(config),
    columns,
    rows: records.map((run) => run.map((r) => columns.map((c) => r[c]))),
    statuses,
  };
}

export type ImportResult = { ok: true; experiment: LoadedExperiment } | { ok: false; error: string };

const BACKEND_NAMES: readonly string[] = ['cpu', 'webgpu', 'tfjs'];
const STATUSES: readonly string[] = ['running', 'done', 'diverged'];

/** Parse and validate an experiment file's text. Never throws. */
export function fromExperimentFile(text: string): ImportResult {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `not valid JSON (${(e as Error).message})` };
  }
  const f = data as Partial<ExperimentFile> | null;
  if (typeof f !== 'object' || f === null || f.format !== EXPERIMENT_FORMAT) return { ok: false, error: `format: expected "${EXPERIMENT_FORMAT}" (is this an Entropy Lab experiment file?)` };
  if (f.version !== EXPERIMENT_FILE_VERSION) return { ok: false, error: `version: this build reads experiment files of version ${EXPERIMENT_FILE_VERSION}, got ${JSON.stringify(f.version)}` };
  const cfg = parseConfig(f.config);
  if (!cfg.ok) return { ok: false, error: `config: ${formatIssues(cfg.issues)}` };
  const config = cfg.config;
  if (typeof f.backend !== 'string' || !BACKEND_NAMES.includes(f.backend)) return { ok: false, error: `backend: expected one of ${BACKEND_NAMES.join(', ')}` };
  const columns = f.columns;
  if (!Array.isArray(columns) || !columns.every((c) => typeof c === 'string') || !['run', 'step', 'entropy', 'reward'].every((c) => columns.includes(c))) {
    return { ok: false, error: 'columns: expected a list of metric names including run, step, entropy and reward' };
  }
  if (!Array.isArray(f.rows) || f.rows.length !== config.runs) return { ok: false, error: `rows: expected one list per run (${config.runs})` };
  const records: StepRecord[][] = [];
  for (let run = 0; run < f.rows.length; run++) {
    const runRows = f.rows[run];
    if (!Array.isArray(runRows) || runRows.length > config.steps) return { ok: false, error: `rows[${run}]: expected at most ${config.steps} steps` };
    const out: StepRecord[] = [];
    for (let i = 0; i < runRows.length; i++) {
      const row = runRows[i];
      if (!Array.isArray(row) || row.length !== columns.length || !row.every((v) => typeof v === 'number' && Number.isFinite(v))) {
        return { ok: false, error: `rows[${run}][${i}]: expected ${columns.length} finite numbers` };
      }
      const rec = Object.fromEntries(columns.map((c, k) => [c, row[k]])) as StepRecord;
      if (rec.run !== run || rec.step !== i) return { ok: false, error: `rows[${run}][${i}]: run/step are ${rec.run}/${rec.step}, expected ${run}/${i}` };
      out.push(rec);
    }
    records.push(out);
  }
  const statuses = Array.isArray(f.statuses) && f.statuses.length === config.runs && f.statuses.every((s) => s && STATUSES.includes(s.status))
    ? f.statuses.map((s) => ({ status: s.status, ...(typeof s.reason === 'string' ? { reason: s.reason.slice(0, 500) } : {}) }))
    : records.map((r) => ({ status: (r.length === config.steps ? 'done' : 'running') as RunStatus }));
  const name = typeof f.name === 'string' && f.name.trim() ? f.name.slice(0, 200) : 'imported experiment';
  const backend = f.backend as BackendName;
  return { ok: true, experiment: { name, backend, config, records, summary: summarize(backend, recordsByRun(records.flat(), config.runs), statuses, config.steps) } };
}
