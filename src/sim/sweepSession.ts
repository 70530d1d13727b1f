// A sweep run as one batch of runs (issue 14): cell c's run r is run c·R + r of one Backend,
// R = runs per cell. A backend that trains many configs at once (the WebGPU kernel, for cells
// that differ only in numbers it takes per run) is built by a BatchBackendFactory; otherwise
// CellBatchBackend advances one backend per cell together. A RunSession owns time for the
// batch; the sweep session routes each record to its cell and keeps per cell, per run, running
// sums (never the records), so a cell's result is available at any tick and, at the end, is
// the cell line of the CLI contract.
import type { ExperimentConfig } from './config';
import { LawAccumulator, type LawFit } from './fit';
import { RunSession, type SessionTick } from './session';
import type { Sweep } from './sweep';
import type { Backend, Checkpoint, RunStatus, StepRecord } from './types';

/**
 * Builds one Backend for the cells' configs, cell-major: global run c·R + r is run r of cell c,
 * trained exactly as run r of cells[c] alone (same seed and run streams). May decline (undefined)
 * when it cannot batch these configs, e.g. cells of different policy shapes.
 */
export type BatchBackendFactory = (cells: readonly ExperimentConfig[]) => Promise<Backend | undefined>;

/** Several backends, one per cell, advanced together as one; records carry the global run index. */
export class CellBatchBackend implements Backend {
  readonly name: Backend['name'];
  readonly label: string;

  constructor(
    private readonly cells: readonly Backend[],
    private readonly runsPerCell: number,
  ) {
    this.name = cells[0].name;
    this.label = cells[0].label;
  }

  get step(): number {
    return this.cells.reduce((m, c) => Math.min(m, c.step), Infinity);
  }

  async advance(maxSteps: number): Promise<StepRecord[]> {
    const out: StepRecord[] = [];
    for (const [c, backend] of this.cells.entries()) {
      for (const r of await backend.advance(maxSteps)) out.push({ ...r, run: c * this.runsPerCell + r.run });
    }
    return out;
  }

  statuses(): { status: RunStatus; reason?: string }[] {
    return this.cells.flatMap((c) => c.statuses());
  }

  logits(run: number): Float64Array {
    return this.cells[Math.floor(run / this.runsPerCell)].logits(run % this.runsPerCell);
  }

  checkpoint(): Checkpoint {
    return { step: this.step, runs: this.cells.flatMap((c, i) => c.checkpoint().runs.map((r) => ({ ...r, run: i * this.runsPerCell + r.run }))) };
  }

  restore(cp: Checkpoint): void {
    this.cells.forEach((c, i) => {
      const mine = cp.runs.filter((r) => Math.floor(r.run / this.runsPerCell) === i);
      c.restore({ step: cp.step, runs: mine.map((r) => ({ ...r, run: r.run % this.runsPerCell })) });
    });
  }

  dispose(): void {
    for (const c of this.cells) c.dispose();
  }
}

/** The batch's backend: the factory's single one if it takes the cells, else one per cell. */
export async function sweepBackend(sweep: Sweep, perCell: (config: ExperimentConfig) => Promise<Backend>, batch?: BatchBackendFactory): Promise<Backend> {
  const configs = sweep.cells.map((c) => c.config);
  const whole = await batch?.(configs);
  if (whole) return whole;
  const cells: Backend[] = [];
  for (const config of configs) cells.push(await perCell(config));
  return new CellBatchBackend(cells, sweep.base.runs);
}

export interface Stat {
  mean: number | null;
  /** Standard error of the mean over runs (null with fewer than 2). */
  se: number | null;
}

/** One line of `npm run sim -- sweep.json` (design.md). */
export interface CellResult {
  type: 'cell';
  index: number;
  values: Record<string, number>;
  runs: number;
  finalEntropy: Stat;
  finalReward: Stat;
  /** Per run, the mean entropy over its steps; then mean and SE over runs. */
  meanEntropy: Stat;
  /** R = −a·eᴴ + b on every run's points (per-run sums merged in run order). */
  fit: LawFit;
}

interface RunTotals {
  steps: number;
  entropySum: number;
  finalEntropy: number;
  finalReward: number;
  law: LawAccumulator;
}

function stat(xs: number[]): Stat {
  const n = xs.length;
  if (n === 0) return { mean: null, se: null };
  const mean = xs.reduce((a, b) => a + b, 0) / n;
  if (n < 2) return { mean, se: null };
  const variance = xs.reduce((a, x) => a + (x - mean) * (x - mean), 0) / (n - 1);
  return { mean, se: Math.sqrt(variance / n) };
}

export interface SweepTick extends SessionTick {
  /** The tick's records, each with `cell` and `run` the run's index within its cell. */
  cellRecords: StepRecord[];
}

export class SweepSession {
  private readonly session: RunSession;
  private readonly totals: RunTotals[];

  constructor(
    readonly sweep: Sweep,
    backend: Backend,
  ) {
    const runs = sweep.cells.length * sweep.base.runs;
    this.session = new RunSession({ ...sweep.base, runs }, backend);
    this.totals = Array.from({ length: runs }, () => ({ steps: 0, entropySum: 0, finalEntropy: 0, finalReward: 0, law: new LawAccumulator() }));
  }

  get done(): boolean {
    return this.session.done;
  }

  get step(): number {
    return this.session.step;
  }

  /** Advance every run of every cell by up to `maxSteps` steps. */
  async tick(maxSteps: number): Promise<SweepTick> {
    const tick = await this.session.tick(maxSteps);
    const R = this.sweep.base.runs;
    const cellRecords = tick.records.map((r) => {
      const t = this.totals[r.run];
      t.steps++;
      t.entropySum += r.entropy;
      t.finalEntropy = r.entropy;
      t.finalReward = r.reward;
      t.law.add(r.entropy, r.reward);
      return { ...r, cell: Math.floor(r.run / R), run: r.run % R };
    });
    return { ...tick, cellRecords };
  }

  /** Cell i's result over the steps so far. */
  cellResult(index: number): CellResult {
    const cell = this.sweep.cells[index];
    const R = this.sweep.base.runs;
    const runs = this.totals.slice(index * R, (index + 1) * R).filter((t) => t.steps > 0);
    const law = new LawAccumulator();
    for (const t of runs) law.merge(t.law);
    return {
      type: 'cell',
      index,
      values: cell.values,
      runs: runs.length,
      finalEntropy: stat(runs.map((t) => t.finalEntropy)),
      finalReward: stat(runs.map((t) => t.finalReward)),
      meanEntropy: stat(runs.map((t) => t.entropySum / t.steps)),
      fit: law.fit(),
    };
  }

  results(): CellResult[] {
    return this.sweep.cells.map((c) => this.cellResult(c.index));
  }

  /** The batch's backend, e.g. for the policy of one cell's run (global run c·R + r). */
  get backend(): Backend {
    return this.session.backend;
  }
}
