// One worker's side of the CPU pool (cpuPool.ts): the messages between the pool and a worker,
// and the handler a worker entry runs on each request. A worker holds a CpuBackend for one
// contiguous range of runs; every request gets exactly one reply, in order. Runs are
// independent (the counter RNG is keyed by run), so a range steps to the same bits as it does
// inside one single-threaded backend. No Worker globals here: the entries in src/cli and
// src/app/worker wire this handler to worker_threads and to Web Workers.
import type { ExperimentConfig } from './config';
import { CpuBackend } from './cpuBackend';
import type { RunCheckpoint, StepRecord } from './types';

export type ShardRequest =
  | { type: 'init'; config: ExperimentConfig; first: number; count: number }
  | { type: 'advance'; maxSteps: number }
  | { type: 'restore'; runs: RunCheckpoint[] };

/** A run's progress without its logits (those travel packed, see ShardReply). */
export type ShardRun = Omit<RunCheckpoint, 'logits'>;

export type ShardReply =
  | {
      type: 'state';
      /** Records of an advance, run-major and step-ordered. */
      records: StepRecord[];
      /** The runs whose state changed, and their logits one table after another, in that order. */
      runs: ShardRun[];
      logits: Float64Array;
    }
  | { type: 'error'; message: string };

/** A worker of the pool as the pool sees it; replies come back in request order. */
export interface ShardWorker {
  post(request: ShardRequest): void;
  onReply(listener: (reply: ShardReply) => void): void;
  /** The worker died (it failed to load, crashed or ran out of memory): why. */
  onFailure(listener: (message: string) => void): void;
  terminate(): void;
}

/** Where the CPU backend's workers come from (worker_threads in Node, Web Workers in a page). */
export interface CpuThreads {
  /** Workers to split an ensemble over: the machine's cores unless the user said otherwise. */
  readonly count: number;
  spawn(): ShardWorker;
}

/** A reply and the buffers to transfer with it (not copy). */
export interface ShardAnswer {
  reply: ShardReply;
  transfer: ArrayBuffer[];
}

/** The state of runs `runs` of the shard's backend, their logits packed into one buffer. */
function stateOf(backend: CpuBackend, runs: number[], records: StepRecord[]): ShardAnswer {
  const tables = runs.map((run) => backend.logits(run));
  const logits = new Float64Array(tables.reduce((n, t) => n + t.length, 0));
  let offset = 0;
  for (const t of tables) {
    logits.set(t, offset);
    offset += t.length;
  }
  const states = runs.map((run): ShardRun => {
    const r = backend.steppedRun(run)!;
    return { run, step: r.state.step, status: r.status, reason: r.reason, interventionState: r.setup.interventions.map((iv) => ({ ...iv.state })) };
  });
  return { reply: { type: 'state', records, runs: states, logits }, transfer: [logits.buffer] };
}

/** A worker's request handler: it builds its backend on `init` and answers every request. */
export function createShardHandler(): (request: ShardRequest) => ShardAnswer {
  let backend: CpuBackend | undefined;
  let range: number[] = [];
  return (request) => {
    try {
      if (request.type === 'init') {
        backend = new CpuBackend(request.config, request.first, request.count);
        range = Array.from({ length: request.count }, (_, i) => request.first + i);
        return stateOf(backend, range, []);
      }
      if (!backend) throw new Error(`cpu worker: '${request.type}' before 'init'`);
      if (request.type === 'restore') {
        backend.restore({ step: 0, runs: request.runs });
        return stateOf(backend, request.runs.map((r) => r.run).filter((run) => backend!.steppedRun(run)), []);
      }
      const progress = (run: number) => `${backend!.steppedRun(run)!.state.step} ${backend!.steppedRun(run)!.status}`;
      const before = range.map(progress);
      const records = backend.advanceSync(request.maxSteps);
      // Only runs that stepped or stopped have news: finished runs cost nothing to report.
      return stateOf(backend, range.filter((run, i) => progress(run) !== before[i]), records);
    } catch (e) {
      return { reply: { type: 'error', message: e instanceof Error ? e.message : String(e) }, transfer: [] };
    }
  };
}
