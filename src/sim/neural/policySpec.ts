// What every neural policy module exports (its `spec`) and the config fields all of them share:
// the initial policy to start from and how long to distil the network toward it. No tfjs here,
// so the config schema and the UI can read specs without loading tfjs.
import { z } from 'zod';
import { policyInitSchema } from '../policy';

export interface NeuralPolicySpec<P extends { type: string } = { type: string }> {
  id: string;
  label: string;
  /** Plain-language paragraph for the UI: why the covariance law is only approximate here. */
  explanation: string;
  /** Environment types the network can read. */
  envs: readonly string[];
  schema: z.ZodType<P>;
}

/**
 * Shared fields. `init` names the starting policy as for a table; the network is fitted to it
 * by `pretrainSteps` Adam steps on the cross-entropy to its probabilities ("pretraining").
 * A uniform target needs no fitting (zero output layer) and `random` keeps the seeded weights.
 */
export function neuralPolicyFields(defaults: { pretrainSteps: number; pretrainLr: number }) {
  return {
    init: policyInitSchema.default({ type: 'env' }),
    pretrainSteps: z.number().int().min(0).max(20_000).default(defaults.pretrainSteps),
    pretrainLr: z.number().positive().max(10).default(defaults.pretrainLr),
  };
}
