// How interventions combine (science.md §4: they compose in list order). Two checks, both
// driven by the specs' data so new modules need no code here: pairs that cannot share a config
// (`conflictsWith`, an error), and off-policy-only interventions that one on-policy epoch makes
// inert (`offPolicyOnly`, a note the UI shows).
import type { InterventionSpec } from '../types';

/** A finding about the intervention list, with the field path of the entry it concerns. */
export interface CompositionIssue {
  path: string;
  message: string;
}

/** Every pair (i < j) that one of the two specs declares incompatible; reported at entry j. */
export function conflictIssues(specs: readonly InterventionSpec[]): CompositionIssue[] {
  const issues: CompositionIssue[] = [];
  specs.forEach((b, j) => {
    specs.slice(0, j).forEach((a, i) => {
      if (a.conflictsWith?.includes(b.id) || b.conflictsWith?.includes(a.id)) {
        issues.push({
          path: `interventions[${j}]`,
          message: `${b.id} cannot be combined with ${a.id} (interventions[${i}]): both set the same part of the update (${b.stages.join(', ')}); keep one`,
        });
      }
    });
  });
  return issues;
}

/**
 * Off-policy-only interventions that will do nothing: one epoch per batch and no rollout-stage
 * intervention that samples off-policy, so π_θ = π_old whenever they look.
 */
export function inertIssues(specs: readonly InterventionSpec[], epochs: number): CompositionIssue[] {
  if (epochs > 1 || specs.some((s) => s.stages.includes('rollout'))) return [];
  return specs.flatMap((s, i) =>
    s.offPolicyOnly
      ? [{ path: `interventions[${i}]`, message: `${s.id} only acts once the policy moves within a batch; with algorithm.epochs = 1 it changes nothing (set epochs > 1)` }]
      : [],
  );
}
