// Exact mode against science.md §2 computed here in a few lines of plain math: PG and NPG
// steps on a bandit, ΔH against −covariance with a residual quadratic in η, NPG collapsing
// faster than PG, and the covariance term positive on most steps without intervention.
import { describe, expect, it } from 'vitest';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { logSoftmaxTable, rowEntropies, weightedMean } from '../../src/sim/policy';
import { parse, runEnsemble, exactBandit } from './interventions/helpers';

const means = [0.2, 0.5, 0.8, 0.3];

function softmax(z: number[]): number[] {
  const m = Math.max(...z);
  const e = z.map((x) => Math.exp(x - m));
  const s = e.reduce((a, b) => a + b, 0);
  return e.map((x) => x / s);
}
const entropy = (p: number[]) => -p.reduce((h, x) => h + (x > 0 ? x * Math.log(x) : 0), 0);

/** science.md §2 on a bandit: A = μ − J; PG Δz = η π ⊙ A, NPG Δz = η A. */
function referenceStep(z: number[], lr: number, natural: boolean): number[] {
  const p = softmax(z);
  const j = p.reduce((s, x, a) => s + x * means[a], 0);
  return z.map((x, a) => x + lr * (natural ? 1 : p[a]) * (means[a] - j));
}

describe('exact PG / NPG on a bandit', () => {
  for (const type of ['pg', 'npg'] as const) {
    it(`${type} follows science.md §2 step by step`, () => {
      const lr = 0.7;
      const steps = 40;
      const e = runEnsemble(exactBandit({ type, lr }, [], steps));
      let z = [0, 0, 0, 0];
      for (let t = 0; t < steps; t++) {
        const p = softmax(z);
        const rec = e.records[0][t];
        expect(rec.step).toBe(t);
        expect(rec.entropy).toBeCloseTo(entropy(p), 12);
        expect(rec.reward).toBeCloseTo(p.reduce((s, x, a) => s + x * means[a], 0), 12);
        const next = referenceStep(z, lr, type === 'npg');
        expect(rec.deltaH).toBeCloseTo(entropy(softmax(next)) - entropy(p), 12);
        z = next;
      }
      e.logits[0].forEach((x, a) => expect(x).toBeCloseTo(z[a], 10));
    });
  }

  it('ΔH ≈ −covariance with a residual that shrinks quadratically in η', () => {
    const start = { type: 'logits', logits: [0.4, -0.3, 0.9, 0.1] };
    const residual = (lr: number) => {
      const cfg = { ...exactBandit({ type: 'pg', lr }, [], 1), policy: { type: 'tabular', init: start } };
      const rec = runEnsemble(cfg).records[0][0];
      return Math.abs(rec.deltaH - rec.predictedDeltaH);
    };
    const rs = [0.4, 0.2, 0.1, 0.05].map(residual);
    for (let i = 1; i < rs.length; i++) {
      expect(rs[i - 1] / rs[i]).toBeGreaterThan(3.5);
      expect(rs[i - 1] / rs[i]).toBeLessThan(4.5);
    }
  });

  it('on MDPs the covariance term predicts ΔH at fixed visitation to second order; the visitation shift is first order', () => {
    const at = (env: Record<string, unknown>, lr: number) => {
      const config = parse({ version: 1, steps: 1, runs: 1, env, algorithm: { type: 'npg', mode: 'exact', lr }, policy: { type: 'tabular', init: { type: 'random', scale: 1 } } });
      const backend = new CpuBackend(config);
      const before = logSoftmaxTable(backend.logits(0), backend.env.shape);
      const rec = backend.advanceSync(1)[0];
      const after = logSoftmaxTable(backend.logits(0), backend.env.shape);
      const d = backend.env.evaluate(before).visitation;
      const fixedVisitation = weightedMean(rowEntropies(after, backend.env.shape), d) - weightedMean(rowEntropies(before, backend.env.shape), d);
      return { fixed: Math.abs(fixedVisitation - rec.predictedDeltaH), measured: Math.abs(rec.deltaH - rec.predictedDeltaH) };
    };
    for (const env of [{ type: 'tokens', prompts: 3, vocab: 3, length: 3, zipf: 1 }, { type: 'chain', length: 4 }]) {
      const [big, small] = [at(env, 0.1), at(env, 0.05)];
      expect(big.fixed / small.fixed).toBeGreaterThan(3.5);
      expect(big.fixed / small.fixed).toBeLessThan(4.5);
      // deltaH also counts the change of d(s), which is first order in η.
      expect(big.measured / small.measured).toBeLessThan(3);
    }
  });

  it('NPG collapses entropy faster than PG from the same start; the covariance term is mostly positive', () => {
    const steps = 60;
    const pg = runEnsemble(exactBandit({ type: 'pg', lr: 0.5 }, [], steps)).records[0];
    const npg = runEnsemble(exactBandit({ type: 'npg', lr: 0.5 }, [], steps)).records[0];
    for (const t of [10, 30, 59]) expect(npg[t].entropy).toBeLessThan(pg[t].entropy);
    for (const recs of [pg, npg]) {
      const positive = recs.filter((r) => r.covariance > 0).length;
      expect(positive).toBeGreaterThan(0.9 * steps);
    }
  });
});
