// The bench matrix's families (issue 17), read from the registries' spec data: every algorithm
// and intervention falls in exactly one family, the families are the ones the issue names, and
// the matrix has one row per env × algorithm family × intervention family, on the GPU where any
// of its pairs is.
import { describe, expect, it } from 'vitest';
import { algorithmFamilies, BENCH_ENVIRONMENTS, interventionFamilies, interventionFamilyOf } from '../../src/kernels-wgsl/benchFamilies';
import { gpuSupport } from '../../src/kernels-wgsl';
import { matrixCells } from '../../src/kernels-wgsl/benchMatrix';
import { ALGORITHMS } from '../../src/sim/algorithms';
import { ENVIRONMENTS } from '../../src/sim/envs';
import { INTERVENTIONS } from '../../src/sim/interventions';
import type { InterventionSpec } from '../../src/sim/types';

describe('bench families', () => {
  it('group the algorithms by geometry, default epochs and advantage estimator', () => {
    expect(algorithmFamilies().map((f) => [f.id, f.members])).toEqual([
      ['pg', ['pg', 'reinforce']],
      ['grpo', ['grpo', 'drgrpo']],
      ['ppo', ['ppo']],
      ['npg', ['npg']],
    ]);
    expect(algorithmFamilies().flatMap((f) => f.members).sort()).toEqual(ALGORITHMS.map((s) => s.id).sort());
  });

  it('put every intervention in the family of the first update stage it acts on, each exactly once', () => {
    const families = interventionFamilies();
    expect(families.map((f) => f.id)).toEqual(['none', 'regulariser', 'tokenSelection', 'clip', 'advantage', 'schedule', 'rollout']);
    const members = families.flatMap((f) => f.members);
    expect(members.sort()).toEqual(INTERVENTIONS.map((s) => s.id).sort());
    const familyOf = (id: string) => families.find((f) => f.members.includes(id))!.id;
    expect(['clipCov', 'klCov'].map(familyOf)).toEqual(['tokenSelection', 'tokenSelection']);
    expect(['entropyBonus', 'lpReg', 'refKL'].map(familyOf)).toEqual(['regulariser', 'regulariser', 'regulariser']);
    expect(familyOf('rolloutTemperature')).toBe('rollout');
    expect(familyOf('clipHigher')).toBe('clip');
    // Stages decide: a schedule that sets a regulariser's coefficient is a schedule.
    for (const spec of INTERVENTIONS as readonly InterventionSpec[]) {
      if (spec.stages.includes('schedule')) expect(interventionFamilyOf(spec), spec.id).toBe('schedule');
    }
  });

  it('give one matrix row per env × algorithm family × intervention family, on the GPU wherever gpuSupport accepts one of its valid pairs', () => {
    const cells = matrixCells({ runs: 2, steps: 1, members: false, exact: false });
    expect(BENCH_ENVIRONMENTS).toEqual(ENVIRONMENTS.map((s) => s.id));
    expect(cells.length).toBe(BENCH_ENVIRONMENTS.length * algorithmFamilies().length * interventionFamilies().length);
    const first = cells.find((c) => c.config.env.type === 'tokens' && c.algorithm.family === 'grpo' && c.intervention.family === 'tokenSelection')!;
    expect([first.algorithm.id, first.intervention.id, first.config.algorithm.mode, first.config.steps, first.config.runs]).toEqual(['grpo', 'clipCov', 'sampled', 2, 2]);
    // A row is refused only when gpuSupport, asked now, refuses every pair of its families'
    // members, so rows move to the GPU as interventions and MDPs do (none is listed here).
    const pairs = matrixCells({ runs: 2, steps: 1, members: true, exact: false });
    const triple = (c: (typeof cells)[number]) => `${c.config.env.type} ${c.algorithm.family} ${c.intervention.family}`;
    for (const cell of cells) {
      const accepted = pairs.filter((p) => triple(p) === triple(cell) && gpuSupport(p.config).ok);
      expect(gpuSupport(cell.config).ok, triple(cell)).toBe(accepted.length > 0);
    }
    // --members: every valid algorithm × intervention pair; --exact adds exact-mode rows of the
    // algorithms and interventions that have one.
    const all = matrixCells({ runs: 2, steps: 1, members: true, exact: true });
    expect(all.length).toBeGreaterThan(cells.length);
    const exact = all.filter((c) => c.config.algorithm.mode === 'exact');
    expect(new Set(exact.map((c) => c.algorithm.id))).toEqual(new Set(['pg', 'npg']));
    expect(exact.some((c) => c.intervention.id === 'clipCov')).toBe(false);
  });
});
