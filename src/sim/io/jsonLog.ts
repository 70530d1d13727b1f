// JSON training logs: TRL's `trainer_state.json` (the Trainer's `log_history`, one object per
// logging step; eval and summary entries carry other keys and are skipped by the fit), and JSON
// Lines, one object per line, as the lab's CLI writes them (`{"type":"step","run":0,…}`, then a
// summary line that is not a step and is left out).
import { groupByRunColumn, jsonLogNumber, rowStep, type LogRead, type LogRow } from './trainingLog';

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** The numeric (or numeric-string) fields of one logged object. */
function rowOf(entry: Record<string, unknown>): LogRow {
  const values: Record<string, number> = {};
  for (const [k, v] of Object.entries(entry)) {
    if (typeof v === 'object' && v !== null) continue;
    const n = jsonLogNumber(v);
    if (n !== undefined && typeof v !== 'boolean') values[k] = n;
  }
  return { step: rowStep(values), values };
}

function readTrainerState(file: string, state: Record<string, unknown>): LogRead {
  const history = state.log_history;
  if (!Array.isArray(history)) return { ok: false, error: `${file}: a JSON object without "log_history" (expected TRL's trainer_state.json)` };
  const rows = history.filter(isObject).map(rowOf);
  return { ok: true, runs: [{ name: file, file, format: 'TRL trainer_state.json', rows }] };
}

function readJsonLines(file: string, lines: string[]): LogRead {
  const rows: LogRow[] = [];
  for (let i = 0; i < lines.length; i++) {
    if (lines[i].trim() === '') continue;
    let entry: unknown;
    try {
      entry = JSON.parse(lines[i]);
    } catch {
      return { ok: false, error: `${file}: line ${i + 1} is not JSON (expected one JSON object per line)` };
    }
    if (!isObject(entry)) return { ok: false, error: `${file}: line ${i + 1} is not a JSON object` };
    if (entry.type !== undefined && entry.type !== 'step') continue;
    rows.push(rowOf(entry));
  }
  if (rows.length === 0) return { ok: false, error: `${file}: no step lines` };
  return { ok: true, runs: groupByRunColumn(file, 'JSONL', rows) };
}

/** A whole-file JSON object with `log_history` is a trainer state; anything else is read as JSON Lines. */
export function readJsonLog(file: string, text: string): LogRead {
  try {
    const whole: unknown = JSON.parse(text);
    if (isObject(whole) && 'log_history' in whole) return readTrainerState(file, whole);
    if (Array.isArray(whole)) return { ok: false, error: `${file}: a JSON list (expected TRL's trainer_state.json or JSON Lines)` };
  } catch {
    // Not one JSON value: JSON Lines, or a broken file whose first bad line is named below.
  }
  return readJsonLines(file, text.split(/\r?\n/));
}
