// The embedded lab's postMessage bridge against a fake window: resize messages only when the
// height changes, state messages at most 4 a second plus one when a run settles, commands
// obeyed from allowed origins, rejected with a message for bad ones, ignored from others.
import { TickDigester } from '../../src/sim/tickDigest';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { attachEmbedBridge } from '../../src/app/embed/embedBridge';
import { parseEmbedOptions } from '../../src/app/embed/embedOptions';
import { RunData } from '../../src/app/data/runData';
import { createLabStore, type WorkerBridge } from '../../src/app/store/labStore';
import type { WorkerReply, WorkerRequest } from '../../src/app/worker/protocol';
import { parseConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { presetById } from '../../src/sim/presets';

const OWN = 'https://lab.example';
const COURSE = 'https://course.example.edu';

function setup() {
  const parsed = parseConfig({ ...presetById('bandit-pg')!.config, steps: 20, runs: 2 });
  if (!parsed.ok) throw new Error('bad preset');
  const config = parsed.config;
  const sent: WorkerRequest[] = [];
  let reply: (r: WorkerReply) => void = () => {};
  const bridge: WorkerBridge = { send: (m) => void sent.push(m), onReply: (fn) => void (reply = fn) };
  const store = createLabStore(bridge, config, new RunData());
  let resized: () => void = () => {};
  vi.stubGlobal(
    'ResizeObserver',
    class {
      constructor(cb: () => void) {
        resized = cb;
      }
      observe() {}
      disconnect() {}
    },
  );
  const posted: { msg: { type: string; [k: string]: unknown }; origin: string }[] = [];
  const listeners: ((e: MessageEvent) => void)[] = [];
  const page = { scrollHeight: 500 };
  const win = {
    parent: { postMessage: (msg: never, origin: string) => posted.push({ msg, origin }) },
    location: { origin: OWN },
    document: { referrer: `${COURSE}/week3`, documentElement: page, body: {} },
    addEventListener: (_: string, fn: (e: MessageEvent) => void) => listeners.push(fn),
    removeEventListener: () => {},
  } as unknown as Window;
  const detach = attachEmbedBridge(store, parseEmbedOptions(`?embed=1&allow=${COURSE}`), win);
  const backend = new CpuBackend(config);
  const policy = { rowLabels: [], actionLabels: [], probs: [] };
  const digester = new TickDigester(config.runs, config.steps);
  const tick = (done = false) => reply({ type: 'tick', digest: digester.digest(backend.advanceSync(1)), step: store.getState().step + 1, running: !done, done, statuses: [], policy });
  const send = (data: unknown, origin: string) => {
    const source = { postMessage: (msg: never, o: string) => posted.push({ msg, origin: `reply to ${o}` }) };
    for (const fn of listeners) fn({ data, origin, source } as unknown as MessageEvent);
  };
  return { store, sent, posted, page, resized: () => resized(), tick, send, detach, config };
}

afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('embed bridge', () => {
  it('posts the height to the allowed course page, only when it changes', () => {
    const { posted, page, resized } = setup();
    resized();
    resized();
    page.scrollHeight = 640.4;
    resized();
    expect(posted).toEqual([
      { msg: { type: 'entropy-lab:resize', height: 500 }, origin: COURSE },
      { msg: { type: 'entropy-lab:resize', height: 641 }, origin: COURSE },
    ]);
  });

  it('throttles state messages to 4 a second and always posts the final state', () => {
    const { posted, tick, store } = setup();
    let now = 0;
    vi.spyOn(performance, 'now').mockImplementation(() => now);
    now = 1000;
    for (let i = 0; i < 10; i++, now += 50) tick(); // 10 ticks in half a second
    tick(true);
    const states = posted.filter((p) => p.msg.type === 'entropy-lab:state').map((p) => p.msg);
    expect(states.length).toBe(3); // at 1000 ms, at 1250 ms, and the end
    const last = states[states.length - 1];
    expect(last.step).toBe(11);
    expect(last.metrics).toEqual(store.getState().data.latestMetrics());
    expect(Object.keys(last.metrics as object)).toEqual(expect.arrayContaining(['entropy', 'reward']));
  });

  it('obeys commands from the allowed origin and its own, rejects bad ones, ignores others', () => {
    const { send, sent, posted, store, config } = setup();
    send({ type: 'entropy-lab:command', action: 'play' }, 'https://evil.example');
    expect(sent.some((m) => m.type === 'play')).toBe(false);
    expect(posted).toEqual([]);
    send({ type: 'entropy-lab:command', action: 'play' }, COURSE);
    expect(store.getState().status).toBe('running');
    send({ type: 'entropy-lab:command', action: 'pause' }, OWN);
    expect(sent[sent.length - 1].type).toBe('pause');
    send({ type: 'entropy-lab:command', action: 'load', config: { ...config, seed: 9 } }, COURSE);
    expect(store.getState().config.seed).toBe(9);
    send({ type: 'entropy-lab:command', action: 'explode' }, COURSE);
    send({ type: 'entropy-lab:command', action: 'load', config: { ...config, runs: -1 } }, COURSE);
    // Pause and load settle the run, so the parent also hears the state at each.
    expect(posted.filter((p) => p.msg.type === 'entropy-lab:state').map((p) => p.origin)).toEqual([COURSE, COURSE]);
    const errors = posted.filter((p) => p.msg.type === 'entropy-lab:error');
    expect(errors.map((p) => p.origin)).toEqual([`reply to ${COURSE}`, `reply to ${COURSE}`]);
    expect(errors[0].msg.message).toMatch(/^action: expected one of play, pause/);
    expect(errors[1].msg.message).toMatch(/^config: .*runs/);
    expect(store.getState().config.seed).toBe(9);
  });
});
