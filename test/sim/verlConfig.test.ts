// The verl snippet carries the lab's algorithm and Clip-Cov / KL-Cov / clip-higher / entropy
// bonus settings under verl's keys, as a YAML mapping.
import { describe, expect, it } from 'vitest';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { verlSnippet } from '../../src/sim/verlConfig';

function config(raw: Record<string, unknown>): ExperimentConfig {
  const r = parseConfig({ version: 1, env: { type: 'tokens' }, algorithm: { type: 'grpo', groupSize: 16, epochs: 2 }, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

/** key → value of "key: value" lines (comments stripped), by full dotted path from indentation. */
function yamlPaths(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const stack: [number, string][] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/\s+#.*$/, '');
    if (!line.trim() || line.trim().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    const m = /^(\s*)([a-z_]+):\s*(.*)$/.exec(line);
    expect(m, `not a YAML mapping line: ${raw}`).not.toBeNull();
    while (stack.length && stack[stack.length - 1][0] >= indent) stack.pop();
    const path = [...stack.map((s) => s[1]), m![2]].join('.');
    if (m![3]) out[path] = m![3];
    else stack.push([indent, m![2]]);
  }
  return out;
}

describe('verl config snippet', () => {
  it('maps KL-Cov with the paper ratio and the group size, epochs and estimator', () => {
    const y = yamlPaths(verlSnippet(config({ interventions: [{ type: 'klCov', ratio: 0.2, coef: 2 }] })));
    expect(y).toMatchObject({
      'algorithm.adv_estimator': 'grpo',
      'actor_rollout_ref.rollout.n': '16',
      'actor_rollout_ref.actor.ppo_epochs': '2',
      'actor_rollout_ref.actor.policy_loss.loss_mode': 'kl_cov',
      'actor_rollout_ref.actor.policy_loss.kl_cov_ratio': '0.0002',
      'actor_rollout_ref.actor.policy_loss.ppo_kl_coef': '2',
    });
  });

  it('maps Clip-Cov bounds, clip-higher and the entropy bonus', () => {
    const y = yamlPaths(verlSnippet(config({ interventions: [{ type: 'clipCov', covLow: 0.5, covHigh: 4 }, { type: 'clipHigher', epsHigh: 0.3 }, { type: 'entropyBonus', coef: 0.01 }] })));
    expect(y).toMatchObject({
      'actor_rollout_ref.actor.policy_loss.loss_mode': 'clip_cov',
      'actor_rollout_ref.actor.policy_loss.clip_cov_lb': '0.5',
      'actor_rollout_ref.actor.policy_loss.clip_cov_ub': '4',
      'actor_rollout_ref.actor.clip_ratio_high': '0.3',
      'actor_rollout_ref.actor.entropy_coeff': '0.01',
    });
  });

  it('says which interventions verl has no option for, and uses vanilla loss without Cov methods', () => {
    const text = verlSnippet(config({ interventions: [{ type: 'steer' }] }));
    expect(yamlPaths(text)['actor_rollout_ref.actor.policy_loss.loss_mode']).toBe('vanilla');
    expect(text).toMatch(/Not expressible as verl options: steer/);
  });
});
