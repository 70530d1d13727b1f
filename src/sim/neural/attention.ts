// The tiny attention policy's spec (config fields, explanation) for the token task: a one- or
// two-layer causal transformer reads (prompt, position, previous token) and gives the next
// token's logits. The tfjs network lives in attentionNetwork.ts.
import { z } from 'zod';
import { neuralPolicyFields, type NeuralPolicySpec } from './policySpec';

const schema = z
  .strictObject({
    type: z.literal('attention'),
    ...neuralPolicyFields({ pretrainSteps: 200, pretrainLr: 0.1 }),
    /** Width of the residual stream. */
    dModel: z.number().int().min(2).max(128).default(16),
    /** Attention heads; must divide dModel. */
    heads: z.number().int().min(1).max(8).default(2),
    layers: z.number().int().min(1).max(2).default(1),
    /** Hidden width of each layer's feed-forward block (0: attention only). */
    mlpHidden: z.number().int().min(0).max(512).default(32),
  })
  .superRefine((p, ctx) => {
    if (p.dModel % p.heads !== 0) {
      ctx.addIssue({ code: 'custom', path: ['heads'], message: `must divide dModel (${p.dModel}), got ${p.heads}` });
    }
  });
export type AttentionPolicyConfig = z.infer<typeof schema>;

export const spec: NeuralPolicySpec<AttentionPolicyConfig> = {
  id: 'attention',
  label: 'Tiny transformer (attention)',
  explanation:
    'In the tabular token task every (prompt, position, previous token) has its own row of logits, so a prompt the batch ' +
    'never solves gets no gradient and keeps its entropy, and the covariance law ΔH ≈ −Cov(log π, Δz) predicts each step ' +
    'from the rows the batch visited. A transformer computes all rows from shared embeddings and attention weights, like an ' +
    'LLM: reinforcing an answer to one prompt also shifts the next-token distributions of other prompts and positions. ' +
    'Entropy can then fall on prompts that were never sampled. The law still holds for the logit change the network ' +
    'actually made (measured by evaluating it before and after the step), but the tabular prediction from the batch alone ' +
    'misses the spill-over onto other rows. Because every row\u2019s update flows through the same weights, the network moves ' +
    'its logits much further than a table at the same learning rate (try about a tenth): watch the step ratio.',
  envs: ['tokens'],
  schema,
};
