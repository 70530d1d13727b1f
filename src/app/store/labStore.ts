// The lab's state (zustand, vanilla so it works without React): the experiment config as the
// single source of truth, run status, backend, and the latest policy. Actions talk to the
// simulation worker through a bridge; per-step data goes to runData, not here.
import { createStore } from 'zustand/vanilla';
import { parseConfig, type ExperimentConfig } from '../../sim/config';
import { presetById } from '../../sim/presets';
import { RunData } from '../data/runData';
import type { RunStatus, StepRecord } from '../../sim/types';
import type { BackendInfo, PolicySnapshot, WorkerReply, WorkerRequest } from '../worker/protocol';

export type LabStatus = 'idle' | 'running' | 'paused' | 'done' | 'diverged' | 'error';

export interface LabState {
  config: ExperimentConfig;
  /** This lane's per-step results (mutable, outside React: watch dataVersion). */
  data: RunData;
  /** Bumped by every load and reset: a new run from step 0. */
  runId: number;
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
  /** Stop the lane's worker (an A/B lane that is closed). */
  dispose(): void;
}

export interface WorkerBridge {
  send(msg: WorkerRequest): void;
  onReply(fn: (reply: WorkerReply) => void): void;
  terminate(): void;
}

export const STARTUP_PRESET = 'tokens-grpo-collapse';

export function startupConfig(): ExperimentConfig {
  const parsed = parseConfig(presetById(STARTUP_PRESET)!.config);
  if (!parsed.ok) throw new Error(`preset ${STARTUP_PRESET} does not parse`);
  return parsed.config;
}

export function createLabStore(bridge: WorkerBridge, initial = startupConfig(), runData = new RunData()) {
  const store = createStore<LabState>()((set, get) => ({
    config: initial,
    data: runData,
    runId: 0,
    status: 'idle',
    step: 0,
    totalSteps: initial.steps,
    backend: { name: 'cpu', label: 'starting…', reason: '' },
    dataVersion: 0,
    policy: { rowLabels: [], actionLabels: [], probs: [] },
    stepsPerTick: 2,
    statuses: [],
    loadConfig(config) {
      runData.clear(config.runs);
      set({ config, status: 'idle', step: 0, totalSteps: config.steps, message: undefined, dataVersion: runData.version, runId: get().runId + 1 });
      bridge.send({ type: 'load', config });
    },
    setConfig(config) {
      get().loadConfig(config);
    },
    play() {
      const s = get().status;
      if (s === 'done' || s === 'diverged' || s === 'error') return;
      set({ status: 'running' });
      bridge.send({ type: 'play' });
    },
    pause() {
      if (get().status === 'running') set({ status: 'paused' });
      bridge.send({ type: 'pause' });
    },
    stepOnce(steps = 1) {
      const s = get().status;
      if (s === 'done' || s === 'diverged' || s === 'error') return;
      set({ status: 'paused' });
      bridge.send({ type: 'step', steps });
    },
    reset() {
      get().loadConfig(get().config);
    },
    showResults(config, records) {
      get().loadConfig(config);
      runData.append(records);
      set({ status: 'done', step: runData.steps, dataVersion: runData.version });
    },
    dispose() {
      bridge.terminate();
    },
    setSpeed(stepsPerTick) {
      set({ stepsPerTick });
      bridge.send({ type: 'speed', stepsPerTick });
    },
  }));

  bridge.onReply((reply) => {
    if (reply.type === 'ready') {
      store.setState({ backend: reply.backend, totalSteps: reply.totalSteps, policy: reply.policy });
      bridge.send({ type: 'speed', stepsPerTick: store.getState().stepsPerTick });
      return;
    }
    if (reply.type === 'error') {
      store.setState({ status: 'error', message: reply.message });
      return;
    }
    runData.append(reply.records);
    const diverged = reply.statuses.find((s) => s.status === 'diverged');
    const status: LabStatus = reply.done ? (diverged ? 'diverged' : 'done') : reply.running ? 'running' : 'paused';
    store.setState({
      step: reply.step,
      status,
      policy: reply.policy,
      statuses: reply.statuses,
      dataVersion: runData.version,
      ...(diverged ? { message: `A run diverged and stopped: ${diverged.reason ?? 'non-finite values'}. Lower the learning rate or reset.` } : {}),
    });
  });
  return store;
}

export type LabStore = ReturnType<typeof createLabStore>;
