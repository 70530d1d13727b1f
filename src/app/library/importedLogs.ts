// Imported training logs kept in the Library (issue 16): the (step, entropy, reward) series of
// each run, not the raw files (a console log is mostly noise). Loading refits them through the
// same reader path as an import, so a stored row can never carry numbers a file could not.
import { fitLogRun, type RunLawFit } from '../../sim/io/logFit';
import type { LogFormat, LogRow } from '../../sim/io/trainingLog';
import { IMPORTED_LOGS_STORE, LibraryDatabase, LibraryError } from './savedRuns';

export interface SavedLogInfo {
  id: number;
  name: string;
  savedAt: number;
  runs: number;
}

interface StoredRun {
  name: string;
  file: string;
  format: LogFormat;
  columns: { entropy: string; reward: string };
  skipped: { missing: number; notFinite: number };
  step: (number | null)[];
  entropy: number[];
  reward: number[];
}

interface SavedLogRow extends Omit<SavedLogInfo, 'id'> {
  id?: number;
  fits: StoredRun[];
}

const isNumberList = (v: unknown, n: number): v is number[] => Array.isArray(v) && v.length === n && v.every((x) => typeof x === 'number');

/** A stored run back to its fit, or why it cannot be. */
function refit(stored: StoredRun): RunLawFit | string {
  const n = Array.isArray(stored?.entropy) ? stored.entropy.length : -1;
  if (typeof stored?.name !== 'string' || !stored.columns || !isNumberList(stored.entropy, n) || !isNumberList(stored.reward, n) || !Array.isArray(stored.step) || stored.step.length !== n) {
    return 'its series are not lists of numbers of one length';
  }
  const { entropy, reward } = stored.columns;
  const rows: LogRow[] = stored.entropy.map((h, i) => ({ step: stored.step[i] ?? undefined, values: { [entropy]: h, [reward]: stored.reward[i] } }));
  const fitted = fitLogRun({ name: stored.name, file: String(stored.file), format: stored.format, rows }, { entropyColumns: [entropy], rewardColumns: [reward] });
  if (!fitted.ok) return fitted.error;
  // The rows the original import skipped are not stored; keep its counts.
  return { ...fitted.result, skipped: stored.skipped };
}

export class ImportedLogsLibrary {
  private readonly db: LibraryDatabase;

  constructor(factory?: IDBFactory | null) {
    this.db = new LibraryDatabase(factory);
  }

  async save(name: string, runs: readonly RunLawFit[]): Promise<number> {
    const fits: StoredRun[] = runs.map((r) => ({ name: r.name, file: r.file, format: r.format, columns: r.columns, skipped: r.skipped, ...r.series }));
    const row: SavedLogRow = { name, savedAt: Date.now(), runs: runs.length, fits };
    return Number(await this.db.withStore(IMPORTED_LOGS_STORE, 'readwrite', `keep "${name}"`, (s) => s.add(row)));
  }

  async list(): Promise<SavedLogInfo[]> {
    const rows = await this.db.withStore(IMPORTED_LOGS_STORE, 'readonly', 'list kept logs', (s) => s.getAll() as IDBRequest<SavedLogRow[]>);
    return rows.map(({ fits: _fits, ...info }) => info as SavedLogInfo).sort((a, b) => b.savedAt - a.savedAt);
  }

  async load(id: number): Promise<RunLawFit[]> {
    const row = await this.db.withStore(IMPORTED_LOGS_STORE, 'readonly', 'load the kept log', (s) => s.get(id) as IDBRequest<SavedLogRow | undefined>);
    if (!row) throw new LibraryError('That kept log no longer exists (deleted in another tab?).');
    const out: RunLawFit[] = [];
    for (const stored of Array.isArray(row.fits) ? row.fits : []) {
      const run = refit(stored);
      if (typeof run === 'string') throw new LibraryError(`The kept log "${row.name}" is damaged and cannot be shown: ${run}.`);
      out.push(run);
    }
    return out;
  }

  async remove(id: number): Promise<void> {
    await this.db.withStore(IMPORTED_LOGS_STORE, 'readwrite', 'delete the kept log', (s) => s.delete(id));
  }
}
