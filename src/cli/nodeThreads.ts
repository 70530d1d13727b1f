// The CPU pool's workers in Node (src/sim/cpuPool.ts): worker_threads running shardWorker.ts,
// as many as os.availableParallelism() unless `--threads N` says otherwise. The worker is
// bundled from its TypeScript source with esbuild once per process (the CLI and vitest both
// run TypeScript that Node cannot load in a worker by itself).
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { build } from 'esbuild';
import type { CpuThreads, ShardReply, ShardWorker } from '../sim/cpuShard';
import { repositoryRoot } from './repositoryRoot';

let workerCode: Promise<string> | undefined;

/** shardWorker.ts and what it imports as one CommonJS script, for `new Worker(code, { eval: true })`. */
function bundledWorker(): Promise<string> {
  workerCode ??= build({ entryPoints: [join(repositoryRoot(import.meta.url), 'src', 'cli', 'shardWorker.ts')], bundle: true, platform: 'node', format: 'cjs', target: 'node20', write: false, logLevel: 'error' }).then((r) => r.outputFiles[0].text);
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
