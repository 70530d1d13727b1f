// The families the bench matrix (benchMatrix.ts) groups modules into, read from the registries'
// spec data so that a new environment, algorithm or intervention lands in a row by itself:
// algorithms by geometry, default epochs and advantage estimator; interventions by the first
// stage of the update they act on (types.ts InterventionStage), in the order below.
import { ALGORITHMS } from '../sim/algorithms';
import { ENVIRONMENTS } from '../sim/envs';
import { INTERVENTIONS } from '../sim/interventions';
import type { AlgorithmSpec, InterventionSpec, InterventionStage } from '../sim/types';

export interface Family {
  id: string;
  label: string;
  /** Module ids in registry order; benchMatrix.ts matrixCells picks the row's representative. */
  members: string[];
}

/** Environment ids in registry order: each is its own row group. */
export const BENCH_ENVIRONMENTS: readonly string[] = ENVIRONMENTS.map((s) => s.id);

/**
 * Natural-gradient geometry → NPG; several inner epochs by default → PPO; a `baseline` field
 * (r − b per sample) → vanilla PG-like; otherwise group-normalised advantages → GRPO-like.
 */
function algorithmFamilyOf(spec: AlgorithmSpec): string {
  if (spec.geometry === 'natural') return 'npg';
  const defaults = spec.schema.parse({ type: spec.id }) as unknown as { epochs: number; baseline?: string };
  if (defaults.epochs > 1) return 'ppo';
  return 'baseline' in defaults ? 'pg' : 'grpo';
}

const ALGORITHM_FAMILY_LABELS: Record<string, string> = {
  pg: 'vanilla PG-like',
  grpo: 'GRPO-like',
  ppo: 'PPO (several epochs)',
  npg: 'natural PG',
};

/**
 * An intervention's family is the first of these whose stages it uses: a schedule that sets an
 * entropy coefficient is a schedule first, a regulariser second.
 */
const INTERVENTION_FAMILY_STAGES: readonly { id: string; label: string; stages: readonly InterventionStage[] }[] = [
  { id: 'rollout', label: 'rollout temperature', stages: ['rollout'] },
  { id: 'schedule', label: 'schedules', stages: ['schedule'] },
  { id: 'clip', label: 'clip shaping', stages: ['clip-bounds'] },
  { id: 'tokenSelection', label: 'token selection', stages: ['token-weight', 'token-loss'] },
  { id: 'advantage', label: 'advantage shaping', stages: ['advantage'] },
  { id: 'regulariser', label: 'entropy regularisers', stages: ['logit-gradient'] },
];
/** The order rows are printed in. */
const INTERVENTION_FAMILY_ORDER = ['none', 'regulariser', 'tokenSelection', 'clip', 'advantage', 'schedule', 'rollout'];

export function interventionFamilyOf(spec: InterventionSpec): string {
  const family = INTERVENTION_FAMILY_STAGES.find((f) => f.stages.some((stage) => spec.stages.includes(stage)));
  if (!family) throw new Error(`the bench has no family for ${spec.id}'s stages (${spec.stages.join(', ')})`);
  return family.id;
}

function group<T extends { id: string }>(specs: readonly T[], familyOf: (s: T) => string, labels: Record<string, string>, order: readonly string[]): Family[] {
  return order
    .map((id) => ({ id, label: labels[id], members: specs.filter((s) => familyOf(s) === id).map((s) => s.id) }))
    .filter((f) => f.members.length > 0 || f.id === 'none');
}

export function algorithmFamilies(): Family[] {
  return group(ALGORITHMS as readonly AlgorithmSpec[], algorithmFamilyOf, ALGORITHM_FAMILY_LABELS, ['pg', 'grpo', 'ppo', 'npg']);
}

/** 'none' (no intervention, the baseline row) and one family per update stage in use. */
export function interventionFamilies(): Family[] {
  const labels = Object.fromEntries([['none', 'none'], ...INTERVENTION_FAMILY_STAGES.map((f) => [f.id, f.label])]);
  return group(INTERVENTIONS as readonly InterventionSpec[], interventionFamilyOf, labels, INTERVENTION_FAMILY_ORDER);
}
