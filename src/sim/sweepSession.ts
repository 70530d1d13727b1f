// A sweep's runs (issue 14): cell c's run r is global run c·R + r, R = runs per cell. Two
// schedules, same numbers (cells are independent and keep their seeds):
//  - one batch: a backend that trains many configs at once (the WebGPU kernel, for cells that
//    differ only in numbers it takes per run) built by a BatchBackendFactory, or CellBatchBackend
//    over one backend per cell, ticked in lockstep by one RunSession;
//  - cell after cell, when no factory takes the batch: one cell's backend at a time, so memory
//    holds one cell's runs and cells finish (and can be reported) one by one.
// The sweep session routes each record to its cell and keeps per cell, per run, running sums
// (never the records), so a cell's result is available at any tick and, once the cell is done,
// is the cell line of the CLI contract.
import type { ExperimentConfig } from './config';
import { LawAccumulator, type LawFit } from './fit';
import { RunSession } from './session';
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

/** Builds one cell's backend (the cell-after-cell schedule). */
export type CellBackendFactory = (config: ExperimentConfig) => Promise<Backend>;

/** What drives a sweep's runs forward: records carry the global run index c·R + r. */
interface SweepDriver {
  readonly label: string;
  readonly done: boolean;
  /** Run-steps done over run-steps in all, in [0, 1]. */
  readonly progress: number;
  /** Cells 0 … finishedCells − 1 are done. */
  readonly finishedCells: number;
  tick(maxSteps: number): Promise<StepRecord[]>;
  dispose(): void;
}

/** All cells × runs as one batch, in lockstep. */
class BatchDriver implements SweepDriver {
  private readonly session: RunSession;
  constructor(
    private readonly sweep: Sweep,
    readonly backend: Backend,
  ) {
    this.session = new RunSession({ ...sweep.base, runs: sweep.cells.length * sweep.base.runs }, backend, { summary: false });
  }
  get label(): string {
    return `${this.backend.label}, all ${this.sweep.cells.length} cells at once`;
  }
  get done(): boolean {
    return this.session.done;
  }
  get progress(): number {
    return this.session.step / this.session.config.steps;
  }
  get finishedCells(): number {
    return this.done ? this.sweep.cells.length : 0;
  }
  async tick(maxSteps: number): Promise<StepRecord[]> {
    return (await this.session.tick(maxSteps)).records;
  }
  dispose(): void {
    this.backend.dispose();
  }
}

/** One cell at a time: its backend is built when the cell starts and disposed when it ends. */
class CellDriver implements SweepDriver {
  private cell = 0;
  private current: { session: RunSession; backend: Backend } | null = null;
  label = '';
  constructor(
    private readonly sweep: Sweep,
    private readonly build: CellBackendFactory,
  ) {}
  get done(): boolean {
    return this.cell >= this.sweep.cells.length;
  }
  get finishedCells(): number {
    return this.cell;
  }
  get progress(): number {
    const within = this.current ? this.current.session.step / this.sweep.base.steps : 0;
    return (this.cell + within) / this.sweep.cells.length;
  }
  async tick(maxSteps: number): Promise<StepRecord[]> {
    if (this.done) return [];
    if (!this.current) {
      const config = this.sweep.cells[this.cell].config;
      const backend = await this.build(config);
      this.label = backend.label;
      this.current = { session: new RunSession(config, backend, { summary: false }), backend };
    }
    const offset = this.cell * this.sweep.base.runs;
    const tick = await this.current.session.tick(maxSteps);
    if (tick.done || tick.records.length === 0) {
      this.current.backend.dispose();
      this.current = null;
      this.cell++;
    }
    return tick.records.map((r) => ({ ...r, run: offset + r.run }));
  }
  dispose(): void {
    this.current?.backend.dispose();
    this.current = null;
  }
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

export interface SweepTick {
  /** The tick's records, each with `cell` and `run` the run's index within its cell. */
  cellRecords: StepRecord[];
  done: boolean;
  /** Run-steps done over run-steps in all, in [0, 1]. */
  progress: number;
}

export class SweepSession {
  private readonly totals: RunTotals[];

  private constructor(
    readonly sweep: Sweep,
    private readonly driver: SweepDriver,
  ) {
    this.totals = Array.from({ length: sweep.cells.length * sweep.base.runs }, () => ({ steps: 0, entropySum: 0, finalEntropy: 0, finalReward: 0, law: new LawAccumulator() }));
  }

  /** One batch when `batch` takes the cells, else cell after cell with `perCell` backends. */
  static async create(sweep: Sweep, perCell: CellBackendFactory, batch?: BatchBackendFactory): Promise<SweepSession> {
    const whole = await batch?.(sweep.cells.map((c) => c.config));
    return new SweepSession(sweep, whole ? new BatchDriver(sweep, whole) : new CellDriver(sweep, perCell));
  }

  get done(): boolean {
    return this.driver.done;
  }

  /** The backend's label (the current cell's, cell after cell). */
  get label(): string {
    return this.driver.label;
  }

  /** Cells 0 … finishedCells − 1 are done: their results are final. */
  get finishedCells(): number {
    return this.driver.finishedCells;
  }

  /** Advance by up to `maxSteps` steps: every run of every cell, or the current cell's runs. */
  async tick(maxSteps: number): Promise<SweepTick> {
    const records = await this.driver.tick(maxSteps);
    const R = this.sweep.base.runs;
    const cellRecords = records.map((r) => {
      const t = this.totals[r.run];
      t.steps++;
      t.entropySum += r.entropy;
      t.finalEntropy = r.entropy;
      t.finalReward = r.reward;
      t.law.add(r.entropy, r.reward);
      return { ...r, cell: Math.floor(r.run / R), run: r.run % R };
    });
    return { cellRecords, done: this.driver.done, progress: this.driver.progress };
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

  dispose(): void {
    this.driver.dispose();
  }
}
