// Web Worker entry: the simulation never runs on the page's main thread.
import { SimSession } from './simSession';
import type { WorkerRequest } from './protocol';

const session = new SimSession((reply) => postMessage(reply));
addEventListener('message', (e: MessageEvent<WorkerRequest>) => void session.handle(e.data));
