// Metrics as CSV and JSON with the CLI's names, plus alias columns named as verl and TRL log
// the same quantities (design.md, issue 7), and CSV read back with line-and-column errors.
import { METRICS } from './metrics';
import { formatCsvHeader, formatCsvRow } from './recordFormat';
import type { StepRecord } from './types';

/** Columns of a record set: run, step, core metrics in catalog order, then the rest as found. */
export function recordColumns(records: readonly StepRecord[]): string[] {
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) seen.add(k);
  const core = ['run', 'step', ...METRICS.map((m) => m.key)].filter((k) => seen.has(k));
  return [...core, ...[...seen].filter((k) => !core.includes(k))];
}

/** Names of the lab's own columns; an alias never shadows one (TRL's "reward" is our batchReward). */
const OWN_NAMES = new Set(['run', 'step', ...METRICS.map((m) => m.key)]);

/** Alias columns: [alias name, source metric] for every present metric verl or TRL names. */
export function aliasColumns(columns: readonly string[]): [string, string][] {
  const out: [string, string][] = [];
  for (const m of METRICS) {
    if (!columns.includes(m.key)) continue;
    for (const alias of [m.verl, m.trl]) if (alias && !OWN_NAMES.has(alias) && !columns.includes(alias)) out.push([alias, m.key]);
  }
  return out;
}

/** CSV with the CLI's columns followed by the verl/TRL alias columns. */
export function recordsToCsv(records: readonly StepRecord[], { aliases = true } = {}): string {
  const columns = recordColumns(records);
  const extra = aliases ? aliasColumns(columns) : [];
  const lines = [formatCsvHeader([...columns, ...extra.map(([a]) => a)])];
  for (const r of records) {
    const tail = extra.map(([, key]) => String(r[key]));
    lines.push([formatCsvRow(r, columns), ...tail].join(','));
  }
  return lines.join('\n') + '\n';
}

export type CsvResult = { ok: true; records: StepRecord[] } | { ok: false; error: string };

/**
 * Read step records back from CSV (ours, or any with run, step, entropy and reward columns).
 * Alias columns and empty optional cells are skipped; every other cell must be a finite number.
 */
export function recordsFromCsv(text: string): CsvResult {
  // '#' lines are notes (a thinned export says so in its first line).
  const lines = text.split(/\r?\n/).filter((l) => l.trim() !== '' && !l.startsWith('#'));
  if (lines.length === 0) return { ok: false, error: 'the file is empty' };
  const header = lines[0].split(',').map((h) => h.trim());
  const aliases = new Set(METRICS.flatMap((m) => [m.verl, m.trl]).filter((a): a is string => !!a && !OWN_NAMES.has(a)));
  for (const required of ['run', 'step', 'entropy', 'reward']) {
    if (!header.includes(required)) return { ok: false, error: `line 1: missing the "${required}" column (columns: ${header.join(', ')})` };
  }
  const records: StepRecord[] = [];
  for (let i = 1; i < lines.length; i++) {
    const cells = lines[i].split(',');
    if (cells.length !== header.length) return { ok: false, error: `line ${i + 1}: ${cells.length} cells, expected ${header.length}` };
    const rec: Record<string, number> = {};
    for (let c = 0; c < header.length; c++) {
      if (aliases.has(header[c]) || (cells[c].trim() === '' && !['run', 'step', 'entropy', 'reward'].includes(header[c]))) continue;
      const v = cells[c].trim() === '' ? NaN : Number(cells[c]);
      if (!Number.isFinite(v)) return { ok: false, error: `line ${i + 1}, column ${header[c]}: expected a number, got ${JSON.stringify(cells[c].slice(0, 40))}` };
      rec[header[c]] = v;
    }
    if (!Number.isInteger(rec.run) || rec.run < 0 || !Number.isInteger(rec.step) || rec.step < 0) {
      return { ok: false, error: `line ${i + 1}: run and step must be whole numbers ≥ 0` };
    }
    records.push(rec as StepRecord);
  }
  return { ok: true, records };
}

/** How a display thinned what it holds (app/data/runData.ts): the first keptRuns runs, older steps every stride-th. */
export interface Thinning {
  stride: number;
  keptRuns: number;
  runs: number;
  window: number;
}

/** One line saying what a thinned export holds, e.g. for a CSV's leading "# " note. */
export function thinningNote(t: Thinning): string {
  const runs = t.keptRuns < t.runs ? `runs 0–${t.keptRuns - 1} of ${t.runs}` : `all ${t.runs} runs`;
  const steps = t.stride > 1 ? `every step of the latest ${t.window}, every ${t.stride}th step before` : 'every step';
  return `decimated export: ${runs}, ${steps} (the CLI gives every record: npm run sim -- <permalink>)`;
}
