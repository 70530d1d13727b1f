// Messages between the page and the simulation worker. The worker owns time: the page says
// what to do, the worker answers with one tick message per batch of steps.
import type { BackendInfo } from '../../kernels-wgsl';
import type { ExperimentConfig } from '../../sim/config';
import type { TickDigest } from '../../sim/tickDigest';
import type { RunStatus } from '../../sim/types';
import type { TokenTreeNode } from './tokenTree';

export type { BackendInfo } from '../../kernels-wgsl';

/** The current policy of run 0, for the policy view (rows·actions probabilities). */
export interface PolicySnapshot {
  rowLabels: string[];
  actionLabels: string[];
  probs: number[][];
  /** The token task only: each shown prompt's token tree (see tokenTree.ts). */
  tokenTrees?: TokenTreeNode[][];
}

export type WorkerRequest =
  | { type: 'load'; config: ExperimentConfig }
  | { type: 'play' }
  | { type: 'pause' }
  | { type: 'step'; steps?: number }
  | { type: 'reset' }
  | { type: 'speed'; stepsPerTick: number };

export type WorkerReply =
  | { type: 'ready'; backend: BackendInfo; totalSteps: number; policy: PolicySnapshot }
  | {
      type: 'tick';
      /** The tick's kept records, bands over all runs and the fit so far (tickDigest.ts). */
      digest: TickDigest;
      step: number;
      running: boolean;
      done: boolean;
      statuses: { status: RunStatus; reason?: string }[];
      policy: PolicySnapshot;
      /** Set when the backend changed under the run (a lost GPU device: now on the CPU). */
      backend?: BackendInfo;
    }
  | { type: 'error'; message: string };
