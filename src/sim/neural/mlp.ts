// The MLP policy's spec (config fields, explanation) for the bandit and contextual bandit:
// context features → hidden layers → K logits. The tfjs network lives in mlpNetwork.ts.
import { z } from 'zod';
import { neuralPolicyFields, type NeuralPolicySpec } from './policySpec';

const schema = z.strictObject({
  type: z.literal('mlp'),
  ...neuralPolicyFields({ pretrainSteps: 200, pretrainLr: 0.05 }),
  /** 'onehot': context c is e_c (no two contexts share an input); 'random': seeded Gaussian features. */
  features: z.enum(['onehot', 'random']).default('onehot'),
  /** Width of the random features (ignored for one-hot). Fewer features than contexts forces sharing. */
  featureDim: z.number().int().min(1).max(256).default(8),
  /** Hidden layer widths; [] makes the policy linear in its features. */
  hidden: z.array(z.number().int().min(1).max(512)).max(4).default([16]),
  activation: z.enum(['tanh', 'relu']).default('tanh'),
  /** Bias terms; a bias is shared by every context, so it couples them even with one-hot inputs. */
  bias: z.boolean().default(true),
});
export type MlpPolicyConfig = z.infer<typeof schema>;

export const spec: NeuralPolicySpec<MlpPolicyConfig> = {
  id: 'mlp',
  label: 'Neural network (MLP)',
  explanation:
    'In a table every context owns its logits, so an update moves only the contexts in the batch and the covariance law ' +
    'ΔH ≈ −Cov(log π, Δz) predicts the entropy change from the logit change the algorithm asked for. An MLP computes every ' +
    'context\u2019s logits from the same weights: a gradient step taken for the sampled contexts also moves the logits of ' +
    'contexts that were not sampled, and moves the sampled ones differently from what was asked. The law still holds for ' +
    'the logit change the network actually made (measured by evaluating it before and after the step), but the tabular ' +
    'prediction from the batch alone can miss it, the more so the more the contexts share features. With one-hot features, ' +
    'no hidden layer and no bias the network is exactly a table again. Because every context\u2019s update flows through the ' +
    'same weights, a network moves its logits further than a table at the same learning rate: watch the step ratio.',
  envs: ['bandit', 'contextual'],
  schema,
};
