// Turns one readback of the training kernel (StepMetrics slots and RunStates of a chunk) into
// StepRecords with the CPU's keys in the CPU's order (trainStep.ts), and tracks each run's
// status with the CPU's divergence messages. Pure: works on the mapped arrays.
import type { ExperimentConfig } from '../../sim/config';
import type { Environment, RunStatus, StepRecord } from '../../sim/types';
import { FIELD_LOGITS, RUN_STATE, RUN_STATUS, STEP_METRICS, type StepMetricName } from './layout';
import type { StageMetricSlot, TrainPlan } from './plan';
import type { RunOrigin } from '../cellBatch';

export interface RunProgress {
  status: RunStatus;
  reason?: string;
  /** Steps this run has completed (its next step's index). */
  stepsDone: number;
}

/** Which StepMetrics fields a config's records carry, and the interventions' metrics. */
export interface RecordShape {
  fields: { name: StepMetricName; word: number }[];
  /** Added after the kernel's fields in intervention order, as their metrics() do on the CPU. */
  interventionMetrics: StageMetricSlot[];
  /** Words of one slot (plan.ts recordWords). */
  recordWords: number;
}

const TOKEN_ONLY: readonly StepMetricName[] = ['passAt1', 'passAtK', 'batchPassAt1', 'batchPassAtK'];
const DYNAMIC_ONLY: readonly StepMetricName[] = ['keptGroupsFrac', 'promptsDrawn'];
/** What an exact step's record has (trainStep.ts: the exact evaluation's, no batch statistics). */
const EXACT_FIELDS: readonly StepMetricName[] = ['entropy', 'reward', 'covariance', 'predictedDeltaH', 'deltaH', 'stepRatio', 'klRef', 'passAt1', 'passAtK'];

export function recordShape(config: ExperimentConfig, env: Environment, plan: TrainPlan): RecordShape {
  const hasPassK = env.passK !== undefined;
  const fields = STEP_METRICS.fields
    .filter((f) => f.name !== 'batchPassAtK' || (hasPassK && env.passK! <= config.algorithm.groupSize))
    .filter((f) => hasPassK || !TOKEN_ONLY.includes(f.name))
    .filter((f) => f.name !== 'clipFracDual' || config.algorithm.clipRatioC > 0)
    .filter((f) => !DYNAMIC_ONLY.includes(f.name) || config.algorithm.dynamicSampling)
    .filter((f) => config.algorithm.mode === 'sampled' || EXACT_FIELDS.includes(f.name))
    .map((f) => ({ name: f.name, word: STEP_METRICS.wordIndex(f.name) }));
  return { fields, interventionMetrics: plan.stageMetrics.flat(), recordWords: plan.recordWords };
}

/** The CPU's message for a divergence the kernel reported (trainStep.ts). */
export function divergenceReason(step: number, field: number, lr: number): string {
  if (field === FIELD_LOGITS) return `diverged at step ${step}: the logits became non-finite (learning rate ${lr} is too large for this update)`;
  return `diverged at step ${step}: ${STEP_METRICS.fields[field]?.name ?? 'a metric'} became non-finite`;
}

export interface ChunkReadback {
  runOffset: number;
  runCount: number;
  slotsPerRun: number;
  /** StepMetrics slots, run-major (runCount × slotsPerRun × fields). */
  metrics: Float32Array;
  /** RunState words of the chunk's runs. */
  states: Uint32Array;
}

/**
 * Append the records of steps [blockStart, blockStart + steps) of each run in the chunk to
 * `out[run]` and update `progress[run]`. A run contributes the steps it completed; its origin
 * gives its step count and, for a divergence message, its learning rate.
 */
export function readRecords(rb: ChunkReadback, blockStart: number, steps: number, shape: RecordShape, origins: readonly RunOrigin[], progress: RunProgress[], out: StepRecord[][]): void {
  const perSlot = shape.recordWords;
  for (let r = 0; r < rb.runCount; r++) {
    const run = rb.runOffset + r;
    const p = progress[run];
    if (p.status !== 'running') continue;
    const state = RUN_STATE.read(new DataView(rb.states.buffer, rb.states.byteOffset + r * RUN_STATE.size, RUN_STATE.size));
    const done = Math.min(state.stepsDone, blockStart + steps);
    for (let step = Math.max(blockStart, p.stepsDone); step < done; step++) {
      const base = (r * rb.slotsPerRun + (step - blockStart)) * perSlot;
      const record: StepRecord = { run, step } as StepRecord;
      // `+ 0` turns −0 into +0, as the CPU's records do (JSON and CSV cannot carry −0).
      for (const f of shape.fields) record[f.name] = rb.metrics[base + f.word] + 0;
      for (const m of shape.interventionMetrics) record[m.name] = 'word' in m ? rb.metrics[base + m.word] + 0 : m.value;
      out[run].push(record);
    }
    p.stepsDone = Math.max(p.stepsDone, done);
    if (state.status === RUN_STATUS.diverged) {
      p.status = 'diverged';
      p.reason = divergenceReason(state.divergedStep, state.divergedField, origins[run].config.algorithm.lr);
    } else if (p.stepsDone >= origins[run].config.steps) {
      p.status = 'done';
    }
  }
}

/** A run's interventionState (Checkpoint) from its stage state words: the CPU's keys per intervention, {} where stateless. */
export function interventionStates(plan: Pick<TrainPlan, 'stateSlots'>, words: Float32Array): Record<string, number>[] {
  return plan.stateSlots.map((slots) => Object.fromEntries(slots.map((s) => [s.key, words[s.word]])));
}

/**
 * A run's stage state words from a checkpoint's interventionState; where the lists differ (a
 * fork changed the interventions) the initial state, as the CPU's restoreRun keeps it.
 */
export function stateWords(plan: Pick<TrainPlan, 'stateSlots' | 'initialState'>, saved: readonly Record<string, number>[]): Float32Array<ArrayBuffer> {
  const words = plan.initialState.slice();
  if (saved.length !== plan.stateSlots.length) return words;
  plan.stateSlots.forEach((slots, i) => {
    for (const s of slots) if (s.key in saved[i]) words[s.word] = saved[i][s.key];
  });
  return words;
}
