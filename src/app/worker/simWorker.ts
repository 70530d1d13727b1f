// Web Worker entry: the simulation never runs on the page's main thread.
import { SimSession } from './simSession';
import type { WorkerRequest } from './protocol';

const session = new SimSession((reply) => postMessage(reply));
addEventListener('message', (e: MessageEvent<WorkerRequest>) => void session.handle(e.data));
// Anything that escapes the session still reaches the page as a visible error.
addEventListener('error', (e: ErrorEvent) => session.fail(e.error ?? e.message));
addEventListener('unhandledrejection', (e: PromiseRejectionEvent) => session.fail(e.reason));
