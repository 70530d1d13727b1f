// The CPU pool's workers in Node (src/sim/cpuPool.ts): worker_threads running shardWorker.ts,
// as many as os.availableParallelism() unless `--threads N` says otherwise. The worker is
// bundled from its TypeScript source with esbuild once per process (the CLI and vitest both
// run TypeScript that Node cannot load in a worker by itself), or read ready-made from
// SHARD_WORKER_FILE at the repository root where a standalone bundle brings one
// (scripts/device-bench.sh: a machine without node_modules, so without esbuild).
import { existsSync, readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { CpuThreads, ShardReply, ShardWorker } from '../sim/cpuShard';
import { repositoryRoot } from './repositoryRoot';

/** The worker bundled ahead of time, at the root of a standalone bundle's folder. */
const SHARD_WORKER_FILE = 'shardWorker.cjs';

let workerCode: Promise<string> | undefined;

/** shardWorker.ts and what it imports as one CommonJS script, for `new Worker(code, { eval: true })`. */
function bundledWorker(): Promise<string> {
  const root = repositoryRoot(import.meta.url);
  const ready = join(root, SHARD_WORKER_FILE);
  workerCode ??= existsSync(ready)
    ? Promise.resolve(readFileSync(ready, 'utf8'))
    : import('esbuild').then(({ build }) =>
        build({ entryPoints: [join(root, 'src', 'cli', 'shardWorker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'error' }).then((r) => r.outputFiles[0].text),
      );
  return workerCode;
}

function spawnWorker(code: string): ShardWorker {
  const worker = new Worker(code, { eval: true });
  // A worker keeps the process alive only while the pool waits for it.
  let waiting = 0;
  worker.unref();
  return {
    post(request) {
      if (waiting++ === 0) worker.ref();
      worker.postMessage(request);
    },
    onReply(listener) {
      worker.on('message', (reply: ShardReply) => {
        if (--waiting === 0) worker.unref();
        listener(reply);
      });
    },
    onFailure(listener) {
      worker.on('error', (e) => listener(e.message));
      worker.on('exit', (code) => waiting > 0 && listener(`exit code ${code}`));
    },
    terminate: () => void worker.terminate(),
  };
}

/** Worker threads for the CPU pool: `count` of them (default: the cores Node may use). */
export async function nodeCpuThreads(count = availableParallelism()): Promise<CpuThreads> {
  const code = await bundledWorker();
  return { count, spawn: () => spawnWorker(code) };
}
