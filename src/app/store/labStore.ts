// The lab's state (zustand, vanilla so it works without React): the experiment config as the
// single source of truth, run status, backend, and the latest policy. Actions talk to the
// simulation worker through a bridge; per-step data goes to runData, not here.
import { createStore, type StoreApi } from 'zustand/vanilla';
import { parseConfig, type ExperimentConfig } from '../../sim/config';
import { presetById } from '../../sim/presets';
import { runData as pageRunData, type RunData } from '../data/runData';
import type { RunStatus, StepRecord } from '../../sim/types';
import type { BackendInfo, PolicySnapshot, WorkerReply, WorkerRequest } from '../worker/protocol';

export type LabStatus = 'idle' | 'running' | 'paused' | 'done' | 'diverged' | 'error';

export interface LabState {
  /** This store's per-step records (outside React state: watch dataVersion). */
  data: RunData;
  config: ExperimentConfig;
  status: LabStatus;
  step: number;
  totalSteps: number;
  backend: BackendInfo;
  /** A message for the user (a diverged run's reason, a worker error). */
  message?: string;
  dataVersion: number;
  policy: PolicySnapshot;
  stepsPerTick: number;
  statuses: { status: RunStatus; reason?: string }[];
  /**
   * The B side of an A/B comparison: a second store whose play, pause, step, reset and speed
   * follow this one's, so both advance together on the same seeds and streams.
   */
  peer: LabStore | null;
  setPeer(peer: LabStore | null): void;
  loadConfig(config: ExperimentConfig): void;
  setConfig(config: ExperimentConfig): void;
  play(): void;
  pause(): void;
  /** Advance `steps` steps (default 1) and pause. */
  stepOnce(steps?: number): void;
  reset(): void;
  setSpeed(stepsPerTick: number): void;
  /** Show finished results (an imported experiment file) for `config`; Reset reruns it. */
  showResults(config: ExperimentConfig, records: StepRecord[]): void;
}

export interface WorkerBridge {
  send(msg: WorkerRequest): void;
  onReply(fn: (reply: WorkerReply) => void): void;
}

export const STARTUP_PRESET = 'tokens-grpo-collapse';

export function startupConfig(): ExperimentConfig {
  const parsed = parseConfig(presetById(STARTUP_PRESET)!.config);
  if (!parsed.ok) throw new Error(`preset ${STARTUP_PRESET} does not parse`);
  return parsed.config;
}

/** `data` holds this store's per-step records (the page's runData unless this is a comparison's B side). */
export function createLabStore(bridge: WorkerBridge, initial = startupConfig(), runData: RunData = pageRunData): LabStore {
  // Loads sent but not yet answered by 'ready': ticks the worker posted before it saw the latest
  // load are still in flight and belong to the old run, so they are dropped.
  let pendingLoads = 0;
  const store = createStore<LabState>()((set, get) => ({
    config: initial,
    status: 'idle',
    step: 0,
    totalSteps: initial.steps,
    backend: { name: 'cpu', label: 'starting…', reason: '' },
    data: runData,
    dataVersion: 0,
    policy: { rowLabels: [], actionLabels: [], probs: [] },
    stepsPerTick: 2,
    statuses: [],
    peer: null,
    setPeer(peer) {
      set({ peer });
      if (peer) {
        peer.getState().setSpeed(get().stepsPerTick);
        get().reset();
      }
    },
    loadConfig(config) {
      runData.clear(config.runs, config.steps);
      set({ config, status: 'idle', step: 0, totalSteps: config.steps, message: undefined, dataVersion: runData.version });
      pendingLoads++;
      bridge.send({ type: 'load', config });
      // Both sides restart together, so step t of A and step t of B stay comparable.
      const peer = get().peer;
      if (peer) peer.getState().loadConfig(peer.getState().config);
    },
    setConfig(config) {
      get().loadConfig(config);
    },
    play() {
      const s = get().status;
      if (s === 'done' || s === 'diverged' || s === 'error') return;
      set({ status: 'running' });
      bridge.send({ type: 'play' });
      get().peer?.getState().play();
    },
    pause() {
      if (get().status === 'running') set({ status: 'paused' });
      bridge.send({ type: 'pause' });
      get().peer?.getState().pause();
    },
    stepOnce(steps = 1) {
      const s = get().status;
      if (s === 'done' || s === 'diverged' || s === 'error') return;
      set({ status: 'paused' });
      bridge.send({ type: 'step', steps });
      get().peer?.getState().stepOnce(steps);
    },
    reset() {
      get().loadConfig(get().config);
    },
    showResults(config, records) {
      get().loadConfig(config);
      runData.append(records);
      set({ status: 'done', step: runData.steps, dataVersion: runData.version });
    },
    setSpeed(stepsPerTick) {
      set({ stepsPerTick });
      bridge.send({ type: 'speed', stepsPerTick });
      get().peer?.getState().setSpeed(stepsPerTick);
    },
  }));

  bridge.onReply((reply) => {
    if (reply.type === 'ready' || reply.type === 'error') pendingLoads = Math.max(0, pendingLoads - 1);
    if (reply.type === 'ready') {
      if (pendingLoads > 0) return;
      store.setState({ backend: reply.backend, totalSteps: reply.totalSteps, policy: reply.policy });
      bridge.send({ type: 'speed', stepsPerTick: store.getState().stepsPerTick });
      return;
    }
    if (reply.type === 'error') {
      store.setState({ status: 'error', message: reply.message });
      return;
    }
    if (pendingLoads > 0) return;
    runData.appendDigest(reply.digest);
    const diverged = reply.statuses.find((s) => s.status === 'diverged');
    const status: LabStatus = reply.done ? (diverged ? 'diverged' : 'done') : reply.running ? 'running' : 'paused';
    store.setState({
      step: reply.step,
      status,
      policy: reply.policy,
      statuses: reply.statuses,
      dataVersion: runData.version,
      ...(diverged ? { message: `A run diverged and stopped: ${diverged.reason ?? 'non-finite values'}. Lower the learning rate or reset.` } : {}),
      ...(reply.backend ? { backend: reply.backend, message: `The GPU was lost: ${reply.backend.reason}. Nothing computed was lost.` } : {}),
    });
  });
  return store;
}

export type LabStore = StoreApi<LabState>;

/**
 * The page's store (the UI contract's `labStore`), set once by main.tsx before anything renders.
 * Components receive their store as a prop; code outside React (share/export helpers) may read
 * this live binding instead.
 */
export let labStore: LabStore;

export function providePageStore(store: LabStore): void {
  labStore = store;
}
