// The embedded lab's side of the postMessage API (design.md): auto-height resize messages (the
// content's own height, so an iframe shrinks as well as grows), throttled state messages, and
// commands from the parent obeyed only from allowed origins; a command from another origin is
// refused with a visible warning and an error message back.
import type { LabStore } from '../store/labStore';
import { decideCommand, errorMessage, foreignCommandWarning, resizeMessage, stateMessage } from './embedProtocol';
import type { EmbedOptions } from './embedOptions';

/** State messages per second, at most (plus one at every pause and at the end). */
const STATE_RATE = 4;

/** The lab's content height: its root element's box, not the document's (which is never smaller than the iframe). */
function contentHeight(doc: Document): number {
  const root = doc.getElementById('root') ?? doc.body;
  return Math.ceil(root.getBoundingClientRect().height);
}

export function attachEmbedBridge(store: LabStore, options: EmbedOptions, win: Window = window, onWarning: (message: string) => void = () => {}): () => void {
  const parent = win.parent;
  if (parent === win) return () => {};
  const ownOrigin = win.location.origin;
  // Where our messages may go: the allowed course page, else the page that embedded us.
  const referrerOrigin = (() => {
    try {
      return win.document.referrer ? new URL(win.document.referrer).origin : undefined;
    } catch {
      return undefined;
    }
  })();
  const target = options.allowedOrigins[0] ?? referrerOrigin ?? ownOrigin;
  const post = (msg: object) => parent.postMessage(msg, target);

  let lastHeight = -1;
  const observer = new ResizeObserver(() => {
    const height = contentHeight(win.document);
    if (height !== lastHeight) {
      lastHeight = height;
      post(resizeMessage(height));
    }
  });
  observer.observe(win.document.getElementById('root') ?? win.document.body);

  let lastState = 0;
  const unsubscribe = store.subscribe((s, prev) => {
    const now = performance.now();
    const settled = s.status !== prev.status && s.status !== 'running';
    if (s.dataVersion !== prev.dataVersion && (settled || now - lastState >= 1000 / STATE_RATE || s.status === 'done')) {
      lastState = now;
      post(stateMessage(s.step, s.data.latestMetrics()));
    } else if (settled) post(stateMessage(s.step, s.data.latestMetrics()));
  });

  function onMessage(e: MessageEvent): void {
    const decision = decideCommand(e.data, e.origin, ownOrigin, options.allowedOrigins);
    if (decision.kind === 'ignore') return;
    if (decision.kind === 'foreign') {
      const warning = foreignCommandWarning(decision.origin);
      onWarning(warning);
      try {
        (e.source as Window | null)?.postMessage(errorMessage(warning), e.origin);
      } catch {
        // An opaque origin ("null") cannot be addressed; the visible warning is enough.
      }
      return;
    }
    if (decision.kind === 'reject') {
      (e.source as Window | null)?.postMessage(errorMessage(decision.message), e.origin);
      return;
    }
    const s = store.getState();
    const cmd = decision.command;
    if (cmd.action === 'load') s.loadConfig(cmd.config);
    else if (cmd.action === 'play') s.play();
    else if (cmd.action === 'pause') s.pause();
    else if (cmd.action === 'step') s.stepOnce();
    else s.reset();
  }
  win.addEventListener('message', onMessage);
  return () => {
    observer.disconnect();
    unsubscribe();
    win.removeEventListener('message', onMessage);
  };
}
