// The shape every training-log reader returns: runs of rows, each row a step and the numbers
// logged at it under the log's own metric names. Cells that are not numbers are kept as NaN
// so the fit can count them; metrics a row did not log are absent. Pure: no file access.

export type LogFormat = 'verl console log' | 'W&B run-history CSV' | 'W&B panel CSV' | 'TRL trainer_state.json' | 'CSV' | 'JSONL';

export interface LogRow {
  step?: number;
  /** Metric name → value; NaN where the cell held something other than a finite number. */
  values: Record<string, number>;
}

export interface LogRun {
  name: string;
  /** The file it came from (joined with ' + ' when panel exports of one run were merged). */
  file: string;
  format: LogFormat;
  rows: LogRow[];
  /** W&B panel runs with the same key are one run split over several panel exports. */
  panelRun?: string;
}

export type LogRead = { ok: true; runs: LogRun[] } | { ok: false; error: string };

/** Column names that hold the step, in the order they are preferred. */
export const STEP_COLUMNS = ['step', '_step', 'Step', 'global_step', 'trainer/global_step', 'train/global_step'];

/**
 * A logged value as a number: undefined for an empty cell, NaN for anything that is not a
 * number. Accepts numpy 2's reprs (`np.float64(0.43)`), `nan` and `inf` as Python prints them.
 */
export function parseLogNumber(text: string): number | undefined {
  let t = text.trim();
  if (t === '') return undefined;
  const wrapped = /^(?:np|numpy)\.\w+\((.*)\)$/.exec(t);
  if (wrapped) t = wrapped[1].trim();
  const lower = t.toLowerCase();
  if (lower === 'nan') return NaN;
  if (lower === 'inf' || lower === '+inf' || lower === 'infinity') return Infinity;
  if (lower === '-inf' || lower === '-infinity') return -Infinity;
  return t === '' ? NaN : Number(t);
}

/** A JSON value as a log number: numbers as they are, numeric strings parsed, the rest NaN. */
export function jsonLogNumber(value: unknown): number | undefined {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'number') return value;
  if (typeof value === 'string') return parseLogNumber(value);
  return NaN;
}

/** The step of a row from the first step column it has, when that is a whole number. */
export function rowStep(values: Record<string, number>): number | undefined {
  for (const c of STEP_COLUMNS) {
    const v = values[c];
    if (v !== undefined && Number.isInteger(v)) return v;
  }
  return undefined;
}

/** Runs of one file grouped by a `run` column (the lab's exports), else the file as one run. */
export function groupByRunColumn(file: string, format: LogFormat, rows: LogRow[]): LogRun[] {
  if (!rows.some((r) => r.values.run !== undefined)) return [{ name: file, file, format, rows }];
  const byRun = new Map<number, LogRow[]>();
  for (const row of rows) {
    const run = row.values.run;
    const list = byRun.get(run) ?? [];
    list.push(row);
    byRun.set(run, list);
  }
  return [...byRun].map(([run, list]) => ({ name: `${file} run ${run}`, file, format, rows: list }));
}
