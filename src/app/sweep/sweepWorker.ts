// Web Worker entry of the Sweep panel: sweeps never run on the page's main thread.
import { SweepRunner } from './sweepRunner';
import type { SweepRequest } from './sweepProtocol';

const runner = new SweepRunner((reply) => postMessage(reply));
addEventListener('message', (e: MessageEvent<SweepRequest>) => void runner.handle(e.data));
