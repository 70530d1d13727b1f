// The page side of the simulation worker.
import type { WorkerBridge } from '../store/labStore';
import type { WorkerReply, WorkerRequest } from './protocol';

/** The simulation worker; `cpuThreads` overrides how many workers its CPU backend splits runs over. */
export function createWorkerBridge(cpuThreads?: number): WorkerBridge {
  const worker = new Worker(new URL('./simWorker.ts', import.meta.url), { type: 'module' });
  if (cpuThreads !== undefined) worker.postMessage({ type: 'cpuThreads', count: cpuThreads } satisfies WorkerRequest);
  return {
    send: (msg) => worker.postMessage(msg),
    onReply: (fn) => {
      worker.addEventListener('message', (e: MessageEvent<WorkerReply>) => fn(e.data));
      // The worker failed to load or crashed outside its own handlers: say so instead of stalling.
      worker.addEventListener('error', (e: ErrorEvent) => {
        e.preventDefault();
        fn({ type: 'error', message: `The simulation worker failed (${e.message || 'it could not start'}). Reload the page; if it happens again, use fewer runs or a smaller task.` });
      });
      worker.addEventListener('messageerror', () => fn({ type: 'error', message: 'A message from the simulation worker could not be read. Reload the page.' }));
    },
  };
}
