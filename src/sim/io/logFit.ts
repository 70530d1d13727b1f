// The entropy–performance law fitted to a training log's run (science.md §5, issue 16): pick
// the entropy and reward columns, keep the rows that have both as finite numbers (counting the
// rest), order them by step, and fit R = −a·e^H + b on all of them and on the early part.
import { EARLY_FIT_FRACTION, earlyFit, fitLaw, type EarlyFit, type LawFit } from '../fit';
import type { LogFormat, LogRun } from './trainingLog';

/** Columns tried in order when none is named: verl's, TRL's, and TRL's as W&B prefixes them. */
export const DEFAULT_ENTROPY_COLUMNS = ['actor/entropy', 'entropy', 'train/entropy'];
export const DEFAULT_REWARD_COLUMNS = ['critic/score/mean', 'critic/rewards/mean', 'reward', 'train/reward'];

/** Fewest points for an early fit: 3 to fit and at least 3 held out. */
const EARLY_FIT_MIN_POINTS = 6;

export interface LogFitOptions {
  entropyColumns?: readonly string[];
  rewardColumns?: readonly string[];
  earlyFraction?: number;
}

export interface RunLawFit {
  name: string;
  file: string;
  format: LogFormat;
  columns: { entropy: string; reward: string };
  /** Points fitted. */
  n: number;
  /** Rows left out: a metric not logged in that row, or not a finite number. */
  skipped: { missing: number; notFinite: number };
  series: { step: (number | null)[]; entropy: number[]; reward: number[] };
  fit: LawFit;
  earlyFit: EarlyFit | null;
}

export type RunFitResult = { ok: true; result: RunLawFit } | { ok: false; error: string };

function listColumns(columns: string[]): string {
  const shown = columns.slice(0, 24).join(', ');
  return columns.length > 24 ? `${shown} and ${columns.length - 24} more` : shown || 'none';
}

/** One run's fit, or one line naming the columns looked for and those found. */
export function fitLogRun(run: LogRun, options: LogFitOptions = {}): RunFitResult {
  const entropyColumns = options.entropyColumns ?? DEFAULT_ENTROPY_COLUMNS;
  const rewardColumns = options.rewardColumns ?? DEFAULT_REWARD_COLUMNS;
  const found = new Set<string>();
  for (const row of run.rows) for (const k of Object.keys(row.values)) found.add(k);
  const entropy = entropyColumns.find((c) => found.has(c));
  const reward = rewardColumns.find((c) => found.has(c));
  if (!entropy || !reward) {
    const lacking = [!entropy && `entropy (looked for ${entropyColumns.join(', ')})`, !reward && `reward (looked for ${rewardColumns.join(', ')})`].filter(Boolean).join(' or ');
    const where = run.name === run.file ? run.file : `${run.file}: ${run.name}`;
    return { ok: false, error: `${where}: no ${lacking} column; found: ${listColumns([...found])}` };
  }
  const skipped = { missing: 0, notFinite: 0 };
  const rows = run.rows.filter((row) => {
    const h = row.values[entropy];
    const r = row.values[reward];
    if (h === undefined || r === undefined) skipped.missing++;
    else if (!Number.isFinite(h) || !Number.isFinite(r)) skipped.notFinite++;
    else return true;
    return false;
  });
  // Stable: rows without a step keep their place after the stepped ones.
  const ordered = rows.map((row, i) => ({ row, i })).sort((x, y) => (x.row.step ?? Infinity) - (y.row.step ?? Infinity) || x.i - y.i);
  const series = {
    step: ordered.map(({ row }) => row.step ?? null),
    entropy: ordered.map(({ row }) => row.values[entropy]),
    reward: ordered.map(({ row }) => row.values[reward]),
  };
  const fraction = options.earlyFraction ?? EARLY_FIT_FRACTION;
  return {
    ok: true,
    result: {
      name: run.name,
      file: run.file,
      format: run.format,
      columns: { entropy, reward },
      n: series.entropy.length,
      skipped,
      series,
      fit: fitLaw(series.entropy, series.reward),
      earlyFit: series.entropy.length >= EARLY_FIT_MIN_POINTS ? earlyFit([series], fraction) : null,
    },
  };
}
