// Web Worker entry of the Sweep panel: sweeps never run on the page's main thread. Cells the
// GPU can train together (cellBatch.ts) go to it as one ensemble.
import { createBatchBackend } from '../../kernels-wgsl';
import { SweepRunner } from './sweepRunner';
import type { SweepRequest } from './sweepProtocol';

const runner = new SweepRunner(
  (reply) => postMessage(reply),
  (cells) => createBatchBackend(cells, { gpu: navigator.gpu ?? undefined }),
);
addEventListener('message', (e: MessageEvent<SweepRequest>) => void runner.handle(e.data));
