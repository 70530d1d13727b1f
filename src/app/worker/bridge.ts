// The page side of the simulation worker.
import type { WorkerBridge } from '../store/labStore';
import type { WorkerReply } from './protocol';

export function createWorkerBridge(): WorkerBridge {
  const worker = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module' });
  return {
    send: (msg) => worker.postMessage(msg),
    onReply: (fn) => worker.addEventListener('message', (e: MessageEvent<WorkerReply>) => fn(e.data)),
  };
}
