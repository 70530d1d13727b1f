// Which reader a training log needs, told from its text (names lie: W&B names every export
// "wandb_export_….csv"), and the joining of W&B panel exports: one panel holds one chart, so a
// run's entropy and reward often arrive in two files, matched here by run name and step.
import { readCsvLog } from './csvLog';
import { readJsonLog } from './jsonLog';
import type { LogRead, LogRow, LogRun } from './trainingLog';
import { looksLikeVerlLog, readVerlConsoleLog } from './verlConsoleLog';

export const LOG_FORMATS_READ = 'a verl console log, a W&B CSV export, TRL trainer_state.json, or the lab’s CSV/JSONL export';

/** Reads one file's text. Never throws. */
export function readTrainingLog(file: string, text: string): LogRead {
  const start = text.trimStart();
  if (start === '') return { ok: false, error: `${file}: the file is empty` };
  if (start.startsWith('{') || start.startsWith('[')) return readJsonLog(file, text);
  if (looksLikeVerlLog(text)) return readVerlConsoleLog(file, text);
  const firstLine = start.slice(0, start.search(/\r?\n|$/));
  if (firstLine.includes(',')) return readCsvLog(file, text);
  return { ok: false, error: `${file}: not a training log this reads (expected ${LOG_FORMATS_READ})` };
}

/** Rows of two panel exports of one run, joined on the step (rows without one are kept as they are). */
function joinRows(a: LogRow[], b: LogRow[]): LogRow[] {
  const bySteps = new Map<number, LogRow>();
  const loose: LogRow[] = [];
  for (const row of [...a, ...b]) {
    if (row.step === undefined) {
      loose.push(row);
      continue;
    }
    const seen = bySteps.get(row.step);
    bySteps.set(row.step, seen ? { step: row.step, values: { ...seen.values, ...row.values } } : row);
  }
  return [...[...bySteps.values()].sort((x, y) => x.step! - y.step!), ...loose];
}

/** Runs in file order, with W&B panel runs of the same name merged into one. */
export function mergePanelRuns(runs: LogRun[]): LogRun[] {
  const out: LogRun[] = [];
  const panels = new Map<string, number>();
  for (const run of runs) {
    const at = run.panelRun === undefined ? undefined : panels.get(run.panelRun);
    if (at === undefined) {
      if (run.panelRun !== undefined) panels.set(run.panelRun, out.length);
      out.push(run);
      continue;
    }
    const seen = out[at];
    out[at] = { ...seen, file: seen.file.split(' + ').includes(run.file) ? seen.file : `${seen.file} + ${run.file}`, rows: joinRows(seen.rows, run.rows) };
  }
  return out;
}
