// CSV training logs: W&B's run-history export (`_step` plus one column per metric, empty where a
// metric was not logged at that step), W&B's panel export (`Step`, then `<run name> - <metric>`
// with `__MIN`/`__MAX` companions, one block of columns per run), the lab's own metrics CSV (a
// `run` column: one run each) and any other CSV with a header row.
import { parseCsv } from './csv';
import { STEP_COLUMNS, groupByRunColumn, parseLogNumber, rowStep, type LogRead, type LogRow, type LogRun } from './trainingLog';

const PANEL_COLUMN = / - /;
const PANEL_COMPANION = /__(MIN|MAX)$/;

/** Splits `<run name> - <metric>` at its last " - " (run names may contain one). */
function panelColumn(header: string): { run: string; metric: string } | null {
  if (PANEL_COMPANION.test(header) || !PANEL_COLUMN.test(header)) return null;
  const at = header.lastIndexOf(' - ');
  return { run: header.slice(0, at), metric: header.slice(at + 3) };
}

function readPanel(file: string, header: string[], body: string[][], stepAt: number): LogRun[] {
  const runs = new Map<string, { rows: LogRow[]; columns: [number, string][] }>();
  header.forEach((h, c) => {
    const p = panelColumn(h);
    if (!p) return;
    const run = runs.get(p.run) ?? { rows: [], columns: [] };
    run.columns.push([c, p.metric]);
    runs.set(p.run, run);
  });
  for (const cells of body) {
    const step = parseLogNumber(cells[stepAt] ?? '');
    for (const run of runs.values()) {
      const values: Record<string, number> = {};
      for (const [c, metric] of run.columns) {
        const v = parseLogNumber(cells[c] ?? '');
        if (v !== undefined) values[metric] = v;
      }
      // A panel row lists every run's step; a run that did not log there has only empty cells.
      if (Object.keys(values).length > 0) run.rows.push({ step: step !== undefined && Number.isInteger(step) ? step : undefined, values });
    }
  }
  return [...runs].map(([name, run]) => ({ name, file, format: 'W&B panel CSV', rows: run.rows, panelRun: name }));
}

export function readCsvLog(file: string, text: string): LogRead {
  const [header, ...body] = parseCsv(text).map((row) => row.map((c) => c.trim()));
  if (!header) return { ok: false, error: `${file}: the file is empty` };
  if (body.length === 0) return { ok: false, error: `${file}: no data rows below the header (columns: ${header.join(', ')})` };
  const stepAt = header.findIndex((h) => STEP_COLUMNS.includes(h));
  if (stepAt >= 0 && header.some((h) => panelColumn(h))) return { ok: true, runs: readPanel(file, header, body, stepAt) };
  const rows: LogRow[] = body.map((cells) => {
    const values: Record<string, number> = {};
    header.forEach((h, c) => {
      const v = parseLogNumber(cells[c] ?? '');
      if (v !== undefined && h !== '') values[h] = v;
    });
    return { step: rowStep(values), values };
  });
  return { ok: true, runs: groupByRunColumn(file, header.includes('_step') ? 'W&B run-history CSV' : 'CSV', rows) };
}
