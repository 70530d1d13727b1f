// `npm run fit -- <file…> [--json] [--entropy COL] [--reward COL] [--early FRACTION]` (issue 16):
// fits the entropy–performance law R = −a·e^H + b to each run of real training logs (verl
// console logs, W&B CSV exports, TRL trainer_state.json, the lab's CSV/JSONL). A file it cannot
// use exits 2 with one line on stderr naming what it looked for and what it found.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { maxOf } from '../sim/arrays';
import { EARLY_FIT_FRACTION } from '../sim/fit';
import { fitLogRun, type LogFitOptions, type RunLawFit } from '../sim/io/logFit';
import { LOG_FORMATS_READ, mergePanelRuns, readTrainingLog } from '../sim/io/readTrainingLog';
import type { LogRun } from '../sim/io/trainingLog';
import { runCli, UsageError } from './usage';

const USAGE = 'usage: npm run fit -- <file…> [--json] [--entropy COL] [--reward COL] [--early FRACTION]';

interface Args {
  files: string[];
  json: boolean;
  options: LogFitOptions;
}

function parseArgs(argv: string[]): Args {
  const files: string[] = [];
  const options: LogFitOptions = {};
  let json = false;
  const value = (flag: string, v: string | undefined): string => {
    if (v === undefined || v === '') throw new UsageError(`${flag}: expected a value`);
    return v;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') json = true;
    else if (a === '--entropy') options.entropyColumns = [value(a, argv[++i])];
    else if (a === '--reward') options.rewardColumns = [value(a, argv[++i])];
    else if (a === '--early') {
      const text = value(a, argv[++i]);
      const f = Number(text);
      if (!(f > 0 && f < 1)) throw new UsageError(`--early: expected a fraction between 0 and 1 (the share of steps the early fit sees), got ${text}`);
      options.earlyFraction = f;
    } else if (a.startsWith('--')) throw new UsageError(`unknown option ${a} (${USAGE})`);
    else files.push(a);
  }
  if (files.length === 0) throw new UsageError(`${USAGE}; reads ${LOG_FORMATS_READ}`);
  return { files, json, options };
}

function readRuns(files: string[]): LogRun[] {
  const runs: LogRun[] = [];
  for (const file of files) {
    let text: string;
    try {
      // npm runs scripts from the package root; INIT_CWD is where the user typed the command.
      text = readFileSync(resolve(process.env.INIT_CWD ?? process.cwd(), file), 'utf8');
    } catch (e) {
      throw new UsageError(`${file}: cannot read the file (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
    const read = readTrainingLog(file, text);
    if (!read.ok) throw new UsageError(read.error);
    runs.push(...read.runs);
  }
  return mergePanelRuns(runs);
}

/** The `--json` form of one run: the fit's numbers, not the series. */
function runJson(r: RunLawFit) {
  const { a, b, r2, ceiling, seA, seB, supportsLaw, note } = r.fit;
  const e = r.earlyFit;
  return {
    name: r.name,
    file: r.file,
    format: r.format,
    columns: r.columns,
    n: r.n,
    skipped: r.skipped,
    fit: { a, b, r2, ceiling, seA, seB, supportsLaw, ...(note ? { note } : {}) },
    earlyFit: e && { fraction: e.fraction, n: e.n, a: e.a, b: e.b, r2: e.r2, predictedFinal: e.predictedFinal, actualFinal: e.actualFinal, error: e.error },
  };
}

const num = (v: number | null, digits = 4): string => (v === null ? '—' : Number(v.toPrecision(digits)).toString());

function textTable(results: RunLawFit[], fraction: number): string {
  const head = ['run', 'n', 'skipped', 'a', '± se', 'b', '± se', 'R²', 'ceiling b−a', `early fit (first ${Math.round(fraction * 100)}%): predicted final`, 'actual', 'error'];
  const rows = results.map((r) => [
    r.name,
    String(r.n),
    String(r.skipped.missing + r.skipped.notFinite),
    num(r.fit.a),
    num(r.fit.seA, 2),
    num(r.fit.b),
    num(r.fit.seB, 2),
    num(r.fit.r2, 3),
    num(r.fit.ceiling),
    num(r.earlyFit?.predictedFinal ?? null),
    num(r.earlyFit?.actualFinal ?? null),
    num(r.earlyFit?.error ?? null, 2),
  ]);
  const widths = head.map((h, c) => Math.max(h.length, maxOf(rows.map((row) => row[c].length), 0)));
  const line = (cells: string[]) => cells.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');
  const notes = results.flatMap((r) => [
    ...(r.fit.note ? [`${r.name}: ${r.fit.note}`] : []),
    ...(r.skipped.missing + r.skipped.notFinite > 0 ? [`${r.name}: skipped ${r.skipped.missing} rows without ${r.columns.entropy} or ${r.columns.reward}, ${r.skipped.notFinite} with a value that is not a finite number`] : []),
  ]);
  return [line(head), ...rows.map(line), '', 'R = −a·e^H + b; the ceiling is the reward the fit predicts once entropy is spent (H = 0).', ...notes].join('\n') + '\n';
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const results: RunLawFit[] = [];
  for (const run of readRuns(args.files)) {
    const fitted = fitLogRun(run, args.options);
    if (!fitted.ok) throw new UsageError(fitted.error);
    results.push(fitted.result);
  }
  process.stdout.write(args.json ? JSON.stringify({ runs: results.map(runJson) }) + '\n' : textTable(results, args.options.earlyFraction ?? EARLY_FIT_FRACTION));
}

await runCli('fit', main);
