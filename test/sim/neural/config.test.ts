// Config of neural policies: every field defaulted, strict, errors name the field, and the
// cross-checks tie each network to its environments, sampled mode and the tfjs backend.
import { describe, expect, it } from 'vitest';
import { parseConfig, type ConfigIssue } from '../../../src/sim/config';
import { NEURAL_POLICIES } from '../../../src/sim/neural';

const contextual = { type: 'contextual', contexts: 4, arms: 3 };
const tokens = { type: 'tokens', prompts: 2, vocab: 3, length: 2 };
const grpo = { type: 'grpo' };

function issuesOf(raw: Record<string, unknown>): ConfigIssue[] {
  const r = parseConfig({ version: 1, ...raw });
  return r.ok ? [] : r.issues;
}

describe('neural policy config', () => {
  it('fills every field of both networks from defaults', () => {
    const mlp = parseConfig({ version: 1, env: contextual, policy: { type: 'mlp' }, algorithm: grpo });
    const att = parseConfig({ version: 1, env: tokens, policy: { type: 'attention' }, algorithm: grpo });
    expect(mlp.ok && mlp.config.policy).toMatchObject({ type: 'mlp', init: { type: 'env' }, features: 'onehot', bias: true, activation: 'tanh' });
    expect(att.ok && att.config.policy).toMatchObject({ type: 'attention', init: { type: 'env' }, layers: 1 });
  });

  it('keeps the tabular policy and its default unchanged', () => {
    const r = parseConfig({ version: 1 });
    expect(r.ok && r.config.policy).toEqual({ type: 'tabular', init: { type: 'env' } });
  });

  it('names unknown fields, bad values and unknown policy types by path', () => {
    expect(issuesOf({ env: contextual, algorithm: grpo, policy: { type: 'mlp', width: 3 } })).toEqual([{ path: 'policy.width', message: 'unknown field' }]);
    expect(issuesOf({ env: contextual, algorithm: grpo, policy: { type: 'mlp', hidden: [8, 0] } })[0].path).toBe('policy.hidden[1]');
    expect(issuesOf({ env: tokens, algorithm: grpo, policy: { type: 'attention', dModel: 10, heads: 4 } })).toEqual([{ path: 'policy.heads', message: 'must divide dModel (10), got 4' }]);
    const unknown = issuesOf({ env: contextual, algorithm: grpo, policy: { type: 'lstm' } });
    expect(unknown[0].path).toBe('policy.type');
    for (const id of ['tabular', ...NEURAL_POLICIES.map((p) => p.id)]) expect(unknown[0].message).toContain(id);
  });

  it('rejects a network on an environment it cannot read', () => {
    const mlpOnTokens = issuesOf({ env: tokens, algorithm: grpo, policy: { type: 'mlp' } });
    expect(mlpOnTokens).toHaveLength(1);
    expect(mlpOnTokens[0].path).toBe('policy.type');
    expect(mlpOnTokens[0].message).toContain('"attention"');
    expect(issuesOf({ env: contextual, algorithm: grpo, policy: { type: 'attention' } })[0].path).toBe('policy.type');
    expect(issuesOf({ env: { type: 'chain' }, algorithm: grpo, policy: { type: 'mlp' } })[0].message).toContain('use "tabular"');
  });

  it('asks for sampled mode, a vanilla gradient and the tfjs backend', () => {
    const exact = issuesOf({ env: contextual, algorithm: { type: 'pg', mode: 'exact' }, policy: { type: 'mlp' } });
    expect(exact.map((i) => i.path)).toEqual(['algorithm.mode']);
    expect(exact[0].message).toContain('"sampled"');
    const npg = issuesOf({ env: contextual, algorithm: { type: 'npg', mode: 'sampled' }, policy: { type: 'mlp' } });
    expect(npg.map((i) => i.path)).toEqual(['algorithm.type']);
    const cpu = issuesOf({ env: contextual, algorithm: grpo, policy: { type: 'mlp' }, backend: 'cpu' });
    expect(cpu.map((i) => i.path)).toEqual(['backend']);
    for (const backend of ['tfjs', 'auto']) expect(issuesOf({ env: contextual, algorithm: grpo, policy: { type: 'mlp' }, backend })).toEqual([]);
  });

  it('checks the init logits length for networks as for tables', () => {
    const bad = issuesOf({ env: contextual, algorithm: grpo, policy: { type: 'mlp', init: { type: 'logits', logits: [1, 2] } } });
    expect(bad.map((i) => i.path)).toEqual(['policy.init.logits']);
  });

  it('gives every network a plain-language explanation of the approximate law', () => {
    for (const p of NEURAL_POLICIES) {
      expect(p.explanation.length).toBeGreaterThan(200);
      expect(p.explanation).toContain('Cov(log π, Δz)');
    }
  });
});
