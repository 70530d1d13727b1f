// The CPU pool's workers in a browser (src/sim/cpuPool.ts): Web Workers running cpuShardWorker.ts,
// as many as navigator.hardwareConcurrency unless the page's `?threads=N` says otherwise. The
// simulation worker spawns them (nested workers), bench.html from the page.
import type { CpuThreads, ShardReply, ShardWorker } from '../../sim/cpuShard';

function spawnWorker(): ShardWorker {
  const worker = new Worker(new URL('./cpuShardWorker.ts', import.meta.url), { type: 'module' });
  return {
    post: (request) => worker.postMessage(request),
    onReply: (listener) => worker.addEventListener('message', (e: MessageEvent<ShardReply>) => listener(e.data)),
    onFailure: (listener) => worker.addEventListener('error', (e) => listener(e.message || 'the worker failed to load')),
    terminate: () => worker.terminate(),
  };
}

/** Web Workers for the CPU pool, or undefined where this context cannot start workers. */
export function browserCpuThreads(count?: number): CpuThreads | undefined {
  if (typeof Worker === 'undefined') return undefined;
  return { count: count ?? navigator.hardwareConcurrency ?? 1, spawn: spawnWorker };
}

/** `?threads=N` of a page's query string: a whole number ≥ 1, else undefined and a note. */
export function threadsFromQuery(search: string): { threads?: number; ignored?: string } {
  const raw = new URLSearchParams(search).get('threads');
  if (raw === null) return {};
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1 || n > 1024) return { ignored: `threads must be a whole number from 1 to 1024 (got "${raw}")` };
  return { threads: n };
}
