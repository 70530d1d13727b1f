// The user's own training runs (issue 16): log files read and fitted in this browser (nothing
// is uploaded), held in a small vanilla store that the law chart draws, each run in its own
// colour beside the simulated runs. Reading and fitting are src/sim/io's; this file only
// gathers files into runs and hands out colours.
import { createStore } from 'zustand/vanilla';
import { PALETTE } from '../../charts/palette';
import { fitLogRun, type RunLawFit } from '../../sim/io/logFit';
import { mergePanelRuns, readTrainingLog } from '../../sim/io/readTrainingLog';
import type { LogRun } from '../../sim/io/trainingLog';

/** 32 MiB of text per file: a long verl console log fits, a wrong file does not freeze the page. */
export const MAX_LOG_CHARS = 32 << 20;

/** Colours of imported runs: not the simulation's blue, nor the vermillion of its fitted law. */
const IMPORTED_COLOURS = [PALETTE.orange, PALETTE.green, PALETTE.purple, PALETTE.sky, PALETTE.grey];

export interface ImportedRun extends RunLawFit {
  id: number;
  colour: string;
}

export interface ImportedRunsState {
  runs: ImportedRun[];
  add(results: RunLawFit[]): void;
  remove(id: number): void;
}

export type LogImport = { ok: true; runs: RunLawFit[] } | { ok: false; error: string };

/** Reads and fits every run of the files together (W&B panel exports of one run join up). Never throws. */
export function readLogFiles(files: readonly { name: string; text: string }[]): LogImport {
  const runs: LogRun[] = [];
  for (const { name, text } of files) {
    if (text.length > MAX_LOG_CHARS) return { ok: false, error: `${name}: the file is ${(text.length / 2 ** 20).toFixed(1)} MiB, more than the ${MAX_LOG_CHARS >> 20} MiB a log import may be` };
    const read = readTrainingLog(name, text);
    if (!read.ok) return read;
    runs.push(...read.runs);
  }
  const fitted: RunLawFit[] = [];
  for (const run of mergePanelRuns(runs)) {
    const result = fitLogRun(run);
    if (!result.ok) return result;
    fitted.push(result.result);
  }
  return { ok: true, runs: fitted };
}

export function createImportedRunsStore() {
  let nextId = 1;
  return createStore<ImportedRunsState>()((set, get) => ({
    runs: [],
    add(results) {
      const runs = [...get().runs];
      for (const result of results) {
        const used = new Set(runs.map((r) => r.colour));
        const id = nextId++;
        runs.push({ ...result, id, colour: IMPORTED_COLOURS.find((c) => !used.has(c)) ?? IMPORTED_COLOURS[id % IMPORTED_COLOURS.length] });
      }
      set({ runs });
    },
    remove(id) {
      set({ runs: get().runs.filter((r) => r.id !== id) });
    },
  }));
}

/** The page's imported runs. */
export const importedRuns = createImportedRunsStore();
