// The Sweep panel's parts without a browser: the form's fields and value lists, its issues
// placed beside the field they name (the CLI's messages), and the worker's runner driving a
// sweep to the end with results that match the sim's sweep session.
import { describe, expect, it } from 'vitest';
import { parseConfig, type ExperimentConfig } from '../../src/sim/config';
import { parseSweep, valueAtPath } from '../../src/sim/sweep';
import { placeIssues, rangeValues, sweepFields, sweepInput } from '../../src/app/sweep/sweepForm';
import { SweepRunner } from '../../src/app/sweep/sweepRunner';
import type { SweepReply } from '../../src/app/sweep/sweepProtocol';

function config(raw: Record<string, unknown>): ExperimentConfig {
  const r = parseConfig({ version: 1, ...raw });
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
}

const tokens = config({ steps: 8, runs: 2, env: { type: 'tokens', prompts: 4, vocab: 4, length: 2 }, algorithm: { type: 'grpo', mode: 'sampled', lr: 1, groupSize: 4 }, interventions: [{ type: 'clipCov' }] });

describe('sweep form', () => {
  it('offers every number of the config but version, steps and runs, with verl’s key where it has one', () => {
    const fields = sweepFields(tokens);
    const paths = fields.map((f) => f.path);
    expect(paths).toContain('seed');
    expect(paths).toContain('algorithm.lr');
    expect(paths).toContain('env.hardness');
    expect(paths).not.toContain('steps');
    expect(paths).not.toContain('runs');
    expect(fields.find((f) => f.path === 'interventions.0.ratio')?.verlKey).toBe('actor_rollout_ref.actor.policy_loss.clip_cov_ratio');
    expect(fields.find((f) => f.path === 'algorithm.clipHigh')?.verlKey).toBe('actor_rollout_ref.actor.clip_ratio_high');
    // Every offered field is one the parser takes: a sweep over its current value is the config itself.
    for (const path of paths) {
      const r = parseSweep(sweepInput(tokens, [{ path, values: String(valueAtPath(tokens, path)) }]));
      expect(r.ok && r.sweep.cells[0].config, path).toEqual(tokens);
    }
  });

  it('fills values from a range, evenly or geometrically', () => {
    expect(rangeValues(0, 1, 5, false)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(rangeValues(1e-3, 1, 4, true)).toEqual([0.001, 0.01, 0.1, 1]);
    expect(rangeValues(3, 9, 1, true)).toEqual([3]);
  });

  it('places each issue beside its field, with the CLI’s text', () => {
    const issues = (axes: { path: string; values: string }[]) => {
      const r = parseSweep(sweepInput(tokens, axes));
      return r.ok ? null : placeIssues(r.issues, axes.length);
    };
    expect(issues([{ path: 'algorithm.lr', values: '0.5, x' }])).toEqual({ axes: [{ values: 'sweep.axes[0].values[1]: expected a number, got "x"' }], general: [] });
    expect(issues([{ path: 'algorithm.lr', values: '1' }, { path: 'interventions.3.coef', values: '1' }])?.axes[1].path).toMatch(/^sweep\.axes\[1\]\.path: "interventions\.3\.coef" is not a numeric field/);
    const many = Array.from({ length: 101 }, (_, i) => i + 1).join(',');
    expect(issues([{ path: 'algorithm.lr', values: many }, { path: 'seed', values: many }])).toEqual({ axes: [{}, {}], general: ['sweep.axes: 10201 cells; a sweep may have at most 10000'] });
    expect(issues([{ path: 'algorithm.lr', values: '0.5, 1' }])).toBeNull();
  });
});

describe('sweep runner (the panel’s worker)', () => {
  it('answers a bad sweep with its issues, and runs a good one to the end with every cell’s result', async () => {
    const replies: SweepReply[] = [];
    const runner = new SweepRunner((r) => replies.push(r));
    await runner.handle({ type: 'start', input: sweepInput(tokens, [{ path: 'algorithm.lr', values: 'a' }]) });
    expect(replies).toEqual([{ type: 'invalid', issues: [{ path: 'sweep.axes[0].values[0]', message: 'expected a number, got "a"' }] }]);

    replies.length = 0;
    await runner.handle({ type: 'start', input: sweepInput(tokens, [{ path: 'algorithm.lr', values: '0.5, 1' }, { path: 'interventions.0.ratio', values: '0, 0.1' }]) });
    expect(replies[0]).toMatchObject({ type: 'started', cells: 4, runsPerCell: 2, totalSteps: 8 });
    const done = replies.at(-1)!;
    if (done.type !== 'done') throw new Error(`ended with ${done.type}`);
    expect(done.results.map((c) => c.values)).toEqual([
      { 'algorithm.lr': 0.5, 'interventions.0.ratio': 0 },
      { 'algorithm.lr': 0.5, 'interventions.0.ratio': 0.1 },
      { 'algorithm.lr': 1, 'interventions.0.ratio': 0 },
      { 'algorithm.lr': 1, 'interventions.0.ratio': 0.1 },
    ]);
    expect(done.results.every((c) => c.runs === 2 && c.fit.n === 16)).toBe(true);
    expect(replies.filter((r) => r.type === 'progress').length).toBeGreaterThan(0);
  });

  it('stops an older sweep when a new one starts or on cancel', async () => {
    const replies: SweepReply[] = [];
    const runner = new SweepRunner((r) => replies.push(r));
    const long = sweepInput({ ...tokens, steps: 5000 }, [{ path: 'algorithm.lr', values: '0.5, 1' }]);
    const first = runner.handle({ type: 'start', input: long });
    await new Promise((resolve) => setTimeout(resolve, 50));
    await runner.handle({ type: 'cancel' });
    await first;
    expect(replies.some((r) => r.type === 'done')).toBe(false);
  });
});
