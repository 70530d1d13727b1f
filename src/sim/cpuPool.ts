// The `cpu` backend across cores: an ensemble split into contiguous ranges of runs, one per
// worker (cpuShard.ts), stepped in parallel. Runs are independent and the counter RNG is keyed
// by run, so records, logits and checkpoints are the single-threaded CpuBackend's bit for bit.
// The page-side Backend keeps each run's latest logits and progress from the workers' replies,
// so logits(), statuses() and checkpoint() answer at once, as the other backends do.
import { maxOf } from './arrays';
import type { ExperimentConfig } from './config';
import { CpuBackend, restoredStatus } from './cpuBackend';
import type { CpuThreads, ShardReply, ShardRequest, ShardRun, ShardWorker } from './cpuShard';
import type { Backend, Checkpoint, RunStatus, StepRecord } from './types';

/** Contiguous ranges [first, first+count) splitting `runs` over `workers` (sizes differ by at most 1). */
export function shardRanges(runs: number, workers: number): { first: number; count: number }[] {
  const n = Math.max(1, Math.min(workers, runs));
  const base = Math.floor(runs / n);
  const extra = runs % n;
  const out: { first: number; count: number }[] = [];
  for (let i = 0, first = 0; i < n; i++) {
    const count = base + (i < extra ? 1 : 0);
    out.push({ first, count });
    first += count;
  }
  return out;
}

type StateReply = Extract<ShardReply, { type: 'state' }>;

/** A worker whose replies resolve its requests in order; once it dies every request fails. */
class ShardChannel {
  private readonly pending: { resolve: (reply: StateReply) => void; reject: (e: Error) => void }[] = [];
  private failure?: string;

  constructor(readonly worker: ShardWorker) {
    worker.onReply((reply) => {
      const waiting = this.pending.shift();
      if (reply.type === 'error') waiting?.reject(new Error(reply.message));
      else waiting?.resolve(reply);
    });
    worker.onFailure((message) => {
      this.failure = `a CPU worker stopped (${message})`;
      for (const waiting of this.pending.splice(0)) waiting.reject(new Error(this.failure));
    });
  }

  request(req: ShardRequest): Promise<StateReply> {
    return new Promise((resolve, reject) => {
      if (this.failure) return reject(new Error(this.failure));
      this.pending.push({ resolve, reject });
      this.worker.post(req);
    });
  }
}

interface MirroredRun extends ShardRun {
  logits: Float64Array;
}

export class PooledCpuBackend implements Backend {
  readonly name = 'cpu' as const;
  readonly label: string;
  private readonly mirror: MirroredRun[];
  /** A restore's replies, awaited before the next advance (restore itself is synchronous). */
  private restoring: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly config: ExperimentConfig,
    private readonly channels: ShardChannel[],
    private readonly tableSize: number,
  ) {
    this.label = `CPU (float64, ${channels.length} threads)`;
    this.mirror = new Array(config.runs);
  }

  /** Spawn min(threads.count, runs) workers and give each its range of runs. */
  static async create(config: ExperimentConfig, threads: CpuThreads): Promise<PooledCpuBackend> {
    const ranges = shardRanges(config.runs, threads.count);
    const channels = ranges.map(() => new ShardChannel(threads.spawn()));
    try {
      const replies = await Promise.all(channels.map((c, i) => c.request({ type: 'init', config, ...ranges[i] })));
      const backend = new PooledCpuBackend(config, channels, replies[0].logits.length / ranges[0].count);
      for (const reply of replies) backend.apply(reply);
      return backend;
    } catch (e) {
      for (const c of channels) c.worker.terminate();
      throw e;
    }
  }

  private apply(reply: StateReply): void {
    reply.runs.forEach((run, i) => {
      this.mirror[run.run] = { ...run, logits: reply.logits.subarray(i * this.tableSize, (i + 1) * this.tableSize) };
    });
  }

  get step(): number {
    return maxOf(this.mirror.map((r) => r.step), 0);
  }

  async advance(maxSteps: number): Promise<StepRecord[]> {
    await this.restoring;
    const replies = await Promise.all(this.channels.map((c) => c.request({ type: 'advance', maxSteps })));
    const records: StepRecord[] = [];
    for (const reply of replies) {
      this.apply(reply);
      for (const r of reply.records) records.push(r);
    }
    return records;
  }

  statuses(): { status: RunStatus; reason?: string }[] {
    return this.mirror.map((r) => ({ status: r.status, reason: r.reason }));
  }

  logits(run: number): Float64Array {
    return this.mirror[run].logits;
  }

  checkpoint(): Checkpoint {
    return { step: this.step, runs: this.mirror.map((r) => ({ run: r.run, step: r.step, status: r.status, reason: r.reason, logits: Array.from(r.logits), interventionState: r.interventionState })) };
  }

  /**
   * Resume from a checkpoint: progress and logits answer from the checkpoint at once, and the
   * workers' own replies (the same state) land before the next advance.
   */
  restore(cp: Checkpoint): void {
    const ranges = shardRanges(this.config.runs, this.channels.length);
    const saved = cp.runs.filter((r) => this.mirror[r.run]);
    for (const r of saved) {
      this.mirror[r.run] = { ...this.mirror[r.run], step: r.step, status: restoredStatus(r, this.config.steps), reason: r.reason, logits: Float64Array.from(r.logits) };
    }
    const restored = this.channels.map((c, i) => {
      const { first, count } = ranges[i];
      return c.request({ type: 'restore', runs: saved.filter((r) => r.run >= first && r.run < first + count) });
    });
    this.restoring = Promise.all(restored).then((replies) => replies.forEach((reply) => this.apply(reply)));
    // Its failure surfaces at the next advance, not as an unhandled rejection now.
    this.restoring.catch(() => undefined);
  }

  dispose(): void {
    for (const c of this.channels) c.worker.terminate();
  }
}

/**
 * The CPU backend for a config: across `threads` workers when there are at least two of them
 * and two runs to split, else the single-threaded CpuBackend (the same numbers either way).
 */
export async function createCpuBackend(config: ExperimentConfig, threads?: CpuThreads): Promise<Backend> {
  if (!threads || threads.count < 2 || config.runs < 2) return new CpuBackend(config);
  return PooledCpuBackend.create(config, threads);
}
