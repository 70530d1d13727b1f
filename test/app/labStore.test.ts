// The lab store driven by the real worker session in-process: playing to the end gives the
// same records as the CLI's runner for the same config, single steps advance by one, reset
// starts over, and a diverged run stops with a message naming the reason.
import { describe, expect, it } from 'vitest';
import { currentRecords, latestMetrics, RunData } from '../../src/app/data/runData';
import { createLabStore, type LabStore, type WorkerBridge } from '../../src/app/store/labStore';
import { SimSession } from '../../src/app/worker/simSession';
import type { WorkerReply } from '../../src/app/worker/protocol';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { presetById } from '../../src/sim/presets';
import { runToEnd } from '../../src/sim/runner';

function inProcessBridge(): WorkerBridge {
  const listeners: ((r: WorkerReply) => void)[] = [];
  // Replies arrive later, as postMessage delivers them: a tick may still be in flight after a reset.
  const session = new SimSession((reply) => {
    const copy = structuredClone(reply);
    setTimeout(() => listeners.forEach((fn) => fn(copy)), 0);
  });
  let queue = Promise.resolve();
  return {
    // Messages are handled in order, as a worker's message queue would.
    send: (msg) => void (queue = queue.then(() => session.handle(structuredClone(msg)))),
    onReply: (fn) => void listeners.push(fn),
  };
}

function config(raw: Record<string, unknown>): ExperimentConfig {
  const parsed = parseConfig(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.config;
}

function until(store: LabStore, done: (s: ReturnType<LabStore['getState']>) => boolean): Promise<void> {
  return new Promise((resolve) => {
    if (done(store.getState())) return resolve();
    const stop = store.subscribe((s) => {
      if (done(s)) {
        stop();
        resolve();
      }
    });
  });
}

const small = () => config({ ...presetById('tokens-grpo-collapse')!.config, steps: 12, runs: 3 });

describe('lab store', () => {
  it('plays to the end and holds the records the CLI runner produces for the same config', async () => {
    const store = createLabStore(inProcessBridge(), small());
    store.getState().loadConfig(store.getState().config);
    store.getState().setSpeed(5);
    store.getState().play();
    await until(store, (s) => s.status === 'done');
    expect(store.getState().step).toBe(12);
    const cfg = small();
    const expected = (await runToEnd(cfg, new CpuBackend(cfg))).records.flat();
    expect(currentRecords()).toEqual(expected);
    const last = expected.filter((r) => r.step === 11);
    expect(latestMetrics().entropy).toBeCloseTo(last.reduce((a, r) => a + r.entropy, 0) / last.length, 12);
  });

  it('a reset while playing drops the old run’s ticks still in flight', async () => {
    const store = createLabStore(inProcessBridge(), small());
    store.getState().loadConfig(store.getState().config);
    store.getState().setSpeed(1);
    store.getState().play();
    await until(store, (s) => s.step >= 3);
    // Let the worker post its next tick; its delivery is still pending when we reset.
    await new Promise((resolve) => setTimeout(resolve, 0));
    store.getState().reset();
    store.getState().play();
    await until(store, (s) => s.status === 'done');
    const cfg = small();
    expect(currentRecords()).toEqual((await runToEnd(cfg, new CpuBackend(cfg))).records.flat());
  });

  it('single steps advance one step at a time and reset starts over', async () => {
    const store = createLabStore(inProcessBridge(), small());
    store.getState().loadConfig(store.getState().config);
    store.getState().stepOnce();
    await until(store, (s) => s.step === 1);
    store.getState().stepOnce();
    await until(store, (s) => s.step === 2);
    expect(store.getState().status).toBe('paused');
    expect(currentRecords().map((r) => r.step).sort()).toEqual([0, 0, 0, 1, 1, 1]);
    store.getState().reset();
    expect(store.getState().step).toBe(0);
    expect(currentRecords()).toEqual([]);
  });

  it('a diverging run stops with a message that names the reason', async () => {
    const store = createLabStore(inProcessBridge(), config({ version: 1, steps: 200, env: { type: 'bandit', arms: 4 }, algorithm: { type: 'npg', mode: 'exact', lr: 1e308 } }));
    store.getState().loadConfig(store.getState().config);
    store.getState().play();
    await until(store, (s) => s.status !== 'running' && s.status !== 'idle');
    expect(store.getState().status).toBe('diverged');
    expect(store.getState().message).toMatch(/diverged/);
    for (const r of currentRecords()) for (const v of Object.values(r)) expect(Number.isFinite(v)).toBe(true);
  });
});

describe('A/B comparison', () => {
  it('B follows A’s controls on common random numbers: identical configs give identical records', async () => {
    const a = createLabStore(inProcessBridge(), small());
    const bData = new RunData();
    const b = createLabStore(inProcessBridge(), small(), bData);
    b.getState().loadConfig(small());
    a.getState().setPeer(b);
    a.getState().setSpeed(4);
    a.getState().play();
    await until(a, (s) => s.status === 'done');
    await until(b, (s) => s.status === 'done');
    expect(bData.records()).toEqual(currentRecords());
    // Single steps and reset reach B too.
    a.getState().reset();
    expect(b.getState().step).toBe(0);
    a.getState().stepOnce();
    await until(b, (s) => s.step === 1);
  });

  it('an entropy bonus on B starts from A’s exact state and keeps entropy higher', async () => {
    const a = createLabStore(inProcessBridge(), small());
    const bData = new RunData();
    const b = createLabStore(inProcessBridge(), small(), bData);
    b.getState().loadConfig({ ...small(), interventions: [{ type: 'entropyBonus', coef: 0.2 }] });
    a.getState().setPeer(b);
    a.getState().play();
    await until(a, (s) => s.status === 'done');
    await until(b, (s) => s.status === 'done');
    const [first, last] = [bData.recordsByRun().map((r) => r[0].entropy), bData.recordsByRun().map((r) => r[11].entropy)];
    expect(first).toEqual(currentRecords().filter((r) => r.step === 0).map((r) => r.entropy));
    const aLast = currentRecords().filter((r) => r.step === 11).map((r) => r.entropy);
    last.forEach((h, run) => expect(h).toBeGreaterThan(aLast[run]));
  });
});

describe('worker session', () => {
  it('a tick that started before a load neither steps the new run nor reports the old one as it', async () => {
    const posted: WorkerReply[] = [];
    const scheduled: (() => void)[] = [];
    const session = new SimSession((r) => posted.push(r), (fn) => scheduled.push(fn));
    const a = config({ ...presetById('tokens-grpo-collapse')!.config, steps: 12, runs: 3 });
    const b = config({ ...presetById('bandit-pg')!.config, steps: 12 });
    await session.handle({ type: 'load', config: a });
    await session.handle({ type: 'play' });
    // The play loop's tick starts (it awaits the finished build), and before it resumes the page loads B.
    scheduled.shift()!();
    const sentAt = posted.length;
    const loadB = session.handle({ type: 'load', config: b });
    await loadB;
    await session.handle({ type: 'play' });
    while (scheduled.length) {
      scheduled.shift()!();
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
    // Everything posted after B's load was sent is B's (a page drops ticks before B's 'ready'
    // only while that is pending, and a slow GPU step can finish after it).
    const ticks = posted.slice(sentAt).filter((r) => r.type === 'tick');
    expect(ticks.length).toBeGreaterThan(0);
    for (const t of ticks) for (const r of t.digest.records) expect(r.run).toBe(0);
    expect(ticks.flatMap((t) => t.digest.bands.steps)).toEqual(Array.from({ length: 12 }, (_, i) => i));
  });
});
