// Composition checks driven by spec data: declared conflicts become config errors at the later
// entry's path (either side may declare them); off-policy-only interventions on one on-policy
// epoch are flagged unless a rollout-stage intervention samples off-policy.
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../../src/sim/config';
import { INTERVENTIONS } from '../../../src/sim/interventions';
import { conflictIssues, inertIssues } from '../../../src/sim/interventions/compose';
import type { InterventionSpec } from '../../../src/sim/types';
import { tokenTask } from './helpers';

const byId = (id: string) => (INTERVENTIONS as readonly InterventionSpec[]).find((s) => s.id === id)!;

describe('intervention composition', () => {
  it('reports a declared conflict at the later entry, naming both, whichever side declares it', () => {
    const oneSided: InterventionSpec = { ...byId('steer'), id: 'probe', conflictsWith: ['clipCov'] };
    for (const list of [[byId('clipCov'), oneSided], [oneSided, byId('clipCov')]]) {
      const issues = conflictIssues(list);
      expect(issues.map((i) => i.path)).toEqual(['interventions[1]']);
      expect(issues[0].message).toMatch(/probe/);
      expect(issues[0].message).toMatch(/clipCov/);
    }
  });

  it('lets compatible interventions share a config, in list order', () => {
    const r = parseConfig(tokenTask({ epochs: 4 }, [{ type: 'asymmetricAdvantage' }, { type: 'clipCov' }, { type: 'klCov' }, { type: 'clipHigher' }, { type: 'steer' }]));
    expect(r.ok).toBe(true);
  });

  it('rejects two interventions that both set the clip bounds, with a clear message', () => {
    const r = parseConfig(tokenTask({ epochs: 4 }, [{ type: 'clipCov' }, { type: 'clipHigher' }, { type: 'bapo' }]));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0].path).toBe('interventions[2]');
    expect(r.issues[0].message).toMatch(/bapo cannot be combined with clipHigher \(interventions\[1\]\)/);
  });

  it('flags off-policy-only interventions on one epoch unless a rollout stage samples off-policy', () => {
    const list = [byId('clipCov'), byId('clipHigher'), byId('klCov')];
    expect(inertIssues(list, 1).map((i) => i.path)).toEqual(['interventions[1]', 'interventions[2]']);
    expect(inertIssues(list, 2)).toEqual([]);
    const rollout: InterventionSpec = { ...byId('steer'), id: 'offPolicyRollout', stages: ['rollout'] };
    expect(inertIssues([...list, rollout], 1)).toEqual([]);
  });
});
