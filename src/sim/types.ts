// Shared signatures of the simulation core, declared once (style.md rule 3): environments,
// algorithms, interventions, step records and the Backend interface that cpu, webgpu and
// tfjs implement. Types only; imports nothing at run time.
import type { z } from 'zod';
import type { StepBands } from './ensemble';

export type Mode = 'exact' | 'sampled';
export type BackendName = 'cpu' | 'webgpu' | 'tfjs';

export interface Citation {
  title: string;
  /** arXiv id, e.g. "2505.22617". */
  arxiv?: string;
  url?: string;
  note?: string;
}

/** A tabular policy: `rows` states, each a row of `actions` logits, row-major. */
export interface PolicyShape {
  rows: number;
  actions: number;
}

/** What an environment knows exactly about a policy (science.md §2–3). */
export interface ExactEval {
  /** Expected reward J(π), averaged over prompts/contexts/start states. */
  reward: number;
  /**
   * d(s): expected visits of each row in one episode started from its own group
   * (prompt, context), not divided by the number of groups. Entropy and the covariance
   * term are averaged with weights d(s)/Σd; the exact gradient is Σ_groups of per-group ones.
   */
  visitation: Float64Array;
  /** Further exact metrics (passAt1, passAtK, …). */
  metrics: Record<string, number>;
}

/** The request for one step's rollouts. */
export interface RolloutRequest {
  /** Log-probabilities to sample from (π itself, or softmax(z/T) for rollout temperature). */
  samplingLogp: Float64Array;
  /** exp(samplingLogp), where the caller keeps it (the samplers read π; it saves the exp calls). */
  samplingProbs?: Float64Array;
  /** Group (prompt/context/start) ids rolled out this step, G trajectories each. */
  groupIds: Int32Array;
  groupSize: number;
  seed: number;
  run: number;
  step: number;
}

/**
 * One step's rollouts in struct-of-arrays form. Trajectory j = g·G + i is sample i of
 * group g; its tokens are tokenOffset[j] … tokenOffset[j+1]−1.
 */
export interface Batch {
  groupIds: Int32Array;
  groupSize: number;
  /** Per trajectory: return (sum of rewards). */
  reward: Float64Array;
  /** Per trajectory: 1 if the verifier accepts it (tasks with a verifier), else 0. */
  correct: Uint8Array;
  tokenOffset: Int32Array;
  /** Per token: the policy row (state) and the sampled action. */
  row: Int32Array;
  action: Int32Array;
  /** Per token: log-probability of the action under the sampling distribution. */
  logpBehaviour: Float64Array;
}

/** An environment: exact evaluation plus a sampler (science.md §3). One file per env. */
export interface Environment {
  readonly type: string;
  readonly shape: PolicyShape;
  /** Number of groups (prompts, contexts, start states) a step can roll out. */
  readonly groups: number;
  /** Longest trajectory in tokens. */
  readonly maxLength: number;
  /** k of pass@k, for tasks with a verifier. */
  readonly passK?: number;
  /** The environment's natural initial logits ("pretrained" for the token task), rows·actions. */
  initialLogits(): Float64Array;
  /** Exact J, visitation and extra metrics at log-policy `logp` (rows·actions); `probs` = exp(logp) where the caller keeps it. */
  evaluate(logp: Float64Array, probs?: Float64Array): ExactEval;
  /** Exact advantage A(s,a) = Q − V averaged over visits (0 where d(s) = 0), rows·actions. */
  advantage(logp: Float64Array, ev: ExactEval): Float64Array;
  /** Sample G trajectories for each requested group. */
  rollout(req: RolloutRequest): Batch;
  /** Human-readable name of a row (state), for policy views. */
  rowLabel(row: number): string;
  /** Human-readable name of an action in a row. */
  actionLabel(action: number): string;
}

export interface EnvSpec<P extends { type: string } = { type: string }> {
  id: string;
  label: string;
  description: string;
  schema: z.ZodType<P>;
  /** Shape, group count and longest trajectory (Environment.maxLength) without building the environment (validation, UI, GPU support). */
  dims(params: P): { shape: PolicyShape; groups: number; maxLength: number };
  create(params: P, seed: number): Environment;
}

/** How an algorithm turns group rewards into per-trajectory advantages. */
export interface AdvantageResult {
  /** Groups whose rewards were all equal (zero advantage, no gradient). */
  zeroStdGroups: number;
}

export interface AlgorithmSpec<P extends { type: string } = { type: string }> {
  id: string;
  label: string;
  description: string;
  citation: Citation;
  schema: z.ZodType<P>;
  modes: readonly Mode[];
  /**
   * 'vanilla': Δz = η·∇ (policy gradient). 'natural': Δz = η·F⁻¹∇, which for a tabular
   * softmax is the advantage itself (science.md §2).
   */
  geometry: 'vanilla' | 'natural';
  /** verl's config key of each field that has one, shown beside the lab's name in forms. */
  verlKeys?: Readonly<Record<string, string>>;
  /** Sampled mode: advantages from rewards, trajectory j = g·G + i. */
  advantages(rewards: Float64Array, groups: number, groupSize: number, params: P, out: Float64Array): AdvantageResult;
}

/** The stage of the update an intervention acts on (for the UI and for composition). */
export type InterventionStage =
  | 'schedule'
  | 'rollout'
  | 'advantage'
  | 'token-weight'
  | 'clip-bounds'
  | 'token-loss'
  | 'logit-gradient';

/** What interventions see at each step. Arrays are the policy before the update. */
export interface StepContext {
  step: number;
  totalSteps: number;
  seed: number;
  run: number;
  mode: Mode;
  /** Whose rules the step follows (algorithm.semantics): the lab's or verl's core_algos.py. */
  semantics: 'lab' | 'verl';
  lr: number;
  shape: PolicyShape;
  logits: Float64Array;
  logp: Float64Array;
  /** Log-probabilities of the initial (reference) policy. */
  refLogp: Float64Array;
  /** Per-row entropy and visitation d(s). */
  rowEntropy: Float64Array;
  visitation: Float64Array;
  /** Visitation-weighted mean entropy and exact expected reward. */
  entropy: number;
  reward: number;
  /** Uniform draws on this run's intervention stream for this step. */
  random(): number;
}

/** Per-token view handed to token-level hooks (sampled mode). */
export interface TokenBatch {
  batch: Batch;
  /** Per token, mutable by the advantage stage. */
  advantage: Float64Array;
  /** Per token weight, mutable by the token-weight stage (0 drops the token's gradient). */
  weight: Float64Array;
  /** Per token log π_old(a_i|s_i) (the policy before this step's update). */
  logpOld: Float64Array;
  /** Per token trajectory index. */
  trajectory: Int32Array;
  /**
   * Per token, the loss aggregation's divisor d_i (algorithm.lossAggMode): the token's
   * gradient is c_i(e_a − π)/d_i. G under the lab's per-prompt sum; see policyLoss.ts.
   */
  divisor: Float64Array;
}

export interface ClipBounds {
  low: number;
  high: number;
}

/**
 * One intervention instance for one run. Every hook is optional; the pipeline calls those
 * present in list order (science.md §4). `state` must be plain JSON for checkpoints.
 */
export interface InterventionInstance {
  state: Record<string, number>;
  /** schedule: once per step before rollout. */
  beginStep?(ctx: StepContext): void;
  /** rollout: temperature of the sampling distribution (1 = on-policy). */
  samplingTemperature?(ctx: StepContext): number;
  /** advantage: edit per-token advantages. */
  transformAdvantages?(ctx: StepContext, tokens: TokenBatch): void;
  /** token-weight: edit per-token weights (masks, reweighting), computed at π_old. */
  tokenWeights?(ctx: StepContext, tokens: TokenBatch): void;
  /** clip-bounds: edit the PPO clip range. */
  clipBounds?(ctx: StepContext, bounds: ClipBounds): ClipBounds;
  /**
   * clip-bounds, once per inner epoch after clipBounds: adapt the range to the current ratios
   * ρ_i = π_θ(a_i|s_i)/π_behaviour(a_i|s_i) (BAPO). The returned bounds hold for that epoch only.
   */
  epochClipBounds?(ctx: StepContext, tokens: TokenBatch, epoch: number, ratio: Float64Array, bounds: ClipBounds): ClipBounds;
  /**
   * token-loss: add to each token's gradient coefficient c_i (the update is Σ c_i(e_a − π)/d_i)
   * during an inner epoch, given the current log π_θ(a_i|s_i) and which tokens the ratio clip
   * stopped this epoch (`clipped[i]` ≠ 0: a ClipKind of policyLoss.ts).
   */
  tokenLoss?(ctx: StepContext, tokens: TokenBatch, epoch: number, logpNew: Float64Array, coef: Float64Array, clipped?: Uint8Array): void;
  /**
   * logit-gradient: a regulariser's ascent direction for one row in natural form u, whose
   * vanilla gradient is π ⊙ u (any softmax gradient has this form). `logp`/`logits` are the
   * row's current values. Added with the row's visitation weight.
   */
  naturalDirection?(ctx: StepContext, row: number, logits: Float64Array, logp: Float64Array, out: Float64Array): void;
  /** What it did this step, e.g. { clipCovFrac: 0.02 }. */
  metrics?(): Record<string, number>;
}

export interface InterventionSpec<P extends { type: string } = { type: string }> {
  id: string;
  label: string;
  /** One plain-language paragraph for the UI. */
  explanation: string;
  /** The formula in KaTeX. */
  formula: string;
  citation: Citation;
  stages: readonly InterventionStage[];
  modes: readonly Mode[];
  schema: z.ZodType<P>;
  /** The paper's own parameter values (lab defaults live in the schema). */
  paperValues: Partial<Omit<P, 'type'>>;
  /**
   * How the lab's rule stands to the reference code, one line starting "As in verl:", "Lab
   * simplification:" or "Not in verl:" (the UI shows it under the explanation).
   */
  verlNote: string;
  /** verl's config key of each parameter that has one, shown beside the lab's name in forms. */
  verlKeys?: Readonly<Partial<Record<Exclude<keyof P, 'type'>, string>>>;
  /**
   * Ids of interventions that cannot share a config with this one (e.g. two that both set the
   * clip bounds). Either side listing the other is enough; see interventions/compose.ts.
   */
  conflictsWith?: readonly string[];
  /**
   * True when it acts only once π_θ ≠ π_old inside a step (epochs > 1 or a rollout stage that
   * samples off-policy): on one on-policy epoch it does nothing, and the UI should say so.
   */
  offPolicyOnly?: boolean;
  create(params: P, shape: PolicyShape): InterventionInstance;
}

/** One step of one run (design.md CLI contract). Extra keys are intervention metrics. */
export interface StepRecord {
  run: number;
  step: number;
  entropy: number;
  reward: number;
  covariance: number;
  predictedDeltaH: number;
  deltaH: number;
  stepRatio: number;
  [metric: string]: number;
}

export type RunStatus = 'running' | 'done' | 'diverged';

/** Everything needed to resume a run: logits, intervention state, step. */
export interface RunCheckpoint {
  run: number;
  step: number;
  status: RunStatus;
  reason?: string;
  logits: number[];
  /** Network weights, flattened (tfjs backend only: neural policies). */
  weights?: number[];
  interventionState: Record<string, number>[];
}

export interface Checkpoint {
  step: number;
  runs: RunCheckpoint[];
}

/** One backend (cpu, webgpu, tfjs) running an ensemble of runs of one config. */
export interface Backend {
  readonly name: BackendName;
  /** What runs it, for the backend badge ("CPU (float64)", an adapter name…). */
  readonly label: string;
  /** Steps completed by every run so far. */
  readonly step: number;
  /** Advance every run by up to `maxSteps` steps; records come run-major, step-ordered. */
  advance(maxSteps: number): Promise<StepRecord[]>;
  /** Status of each run (a diverged run stops with a reason). */
  statuses(): { status: RunStatus; reason?: string }[];
  /**
   * The ensemble bands of those `keys` the backend reduced itself (the GPU does, so no pass
   * over every run's records is needed) at the steps advanced since the last call, or
   * undefined; the backend then forgets them. Every advance() moves every running run over
   * the same steps, so a tick's records hold whole steps.
   */
  takeBands?(keys: readonly string[]): StepBands | undefined;
  /** Current logits of a run (for policy views), rows·actions. */
  logits(run: number): Float64Array;
  checkpoint(): Checkpoint;
  restore(cp: Checkpoint): void;
  dispose(): void;
}
