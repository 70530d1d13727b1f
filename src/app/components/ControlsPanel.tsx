// Left panel: preset menu, environment, policy, algorithm, run size and interventions. It edits
// a draft of the ExperimentConfig; every edit is validated with parseConfig and, when valid,
// loaded (the run restarts, and keeps playing if it was). Invalid input stays as typed, with
// the message under its field.
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { ALGORITHMS } from '../../sim/algorithms';
import { parseConfig, type ConfigIssue, type ExperimentConfig } from '../../sim/config';
import { ENVIRONMENTS } from '../../sim/envs';
import { NEURAL_POLICIES } from '../../sim/neural';
import { PRESETS } from '../../sim/presets';
import { schemaFields } from '../../sim/schemaFields';
import type { LabStore } from '../store/labStore';
import { issuesUnder } from './configDraft';
import { InterventionsList } from './InterventionsList';
import { SchemaFields } from './SchemaFields';

type Raw = Record<string, unknown>;

const clone = (c: ExperimentConfig): Raw => JSON.parse(JSON.stringify(c)) as Raw;

interface Props {
  store: LabStore;
  /** Config fields shown but not editable (embed mode). */
  locked?: readonly string[];
  /** Sections to show (embed mode); all when absent. */
  sections?: readonly ('preset' | 'environment' | 'algorithm' | 'interventions')[];
}

export function ControlsPanel({ store, locked = [], sections }: Props) {
  const config = useStore(store, (s) => s.config);
  const [draft, setDraft] = useState<Raw>(() => clone(config));
  const [issues, setIssues] = useState<ConfigIssue[]>([]);
  const [revision, setRevision] = useState(0);
  const [presetId, setPresetId] = useState('');
  const applied = useRef(config);

  useEffect(() => {
    if (config !== applied.current) {
      // Replaced from outside (preset, permalink, embed command): show it afresh.
      applied.current = config;
      setDraft(clone(config));
      setIssues([]);
      setRevision((r) => r + 1);
    }
  }, [config]);

  function apply(next: Raw): void {
    setDraft(next);
    const parsed = parseConfig(next);
    if (!parsed.ok) {
      setIssues(parsed.issues);
      return;
    }
    setIssues([]);
    applied.current = parsed.config;
    const state = store.getState();
    const wasRunning = state.status === 'running';
    state.loadConfig(parsed.config);
    if (wasRunning) store.getState().play();
  }

  function loadPreset(id: string): void {
    setPresetId(id);
    const preset = PRESETS.find((p) => p.id === id);
    if (!preset) return;
    const parsed = parseConfig(preset.config);
    if (!parsed.ok) return;
    store.getState().loadConfig(parsed.config);
    store.getState().play();
  }

  const show = (s: 'preset' | 'environment' | 'algorithm' | 'interventions') => !sections || sections.includes(s);
  const isLocked = (field: string) => locked.includes(field);
  const env = draft.env as Raw;
  const algorithm = draft.algorithm as Raw;
  const policy = (draft.policy as Raw | undefined) ?? { type: 'tabular' };
  const envSpec = ENVIRONMENTS.find((e) => e.id === env.type);
  const algorithmSpec = ALGORITHMS.find((a) => a.id === algorithm.type);
  const neuralSpec = NEURAL_POLICIES.find((p) => p.id === policy.type);
  const policies = NEURAL_POLICIES.filter((p) => p.envs.includes(String(env.type)));
  const top = issuesUnder(issues, '');
  const preset = PRESETS.find((p) => p.id === presetId);

  return (
    <form className="controls" onSubmit={(e) => e.preventDefault()} aria-label="Experiment settings">
      {show('preset') && (
        <section>
          <label htmlFor="preset">Preset</label>
          <select id="preset" value={presetId} onChange={(e) => loadPreset(e.target.value)} disabled={isLocked('preset')}>
            <option value="">— choose an experiment —</option>
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
          {preset && <p className="help">{preset.description}</p>}
          {preset?.paperDifferences && <p className="help">Differs from the paper: {preset.paperDifferences}</p>}
        </section>
      )}
      {show('environment') && (
        <section>
          <h2>Environment</h2>
          <label htmlFor="env-type">type</label>
          <select id="env-type" value={String(env.type)} disabled={isLocked('env')} onChange={(e) => apply({ ...draft, env: { type: e.target.value }, policy: { type: 'tabular' } })}>
            {ENVIRONMENTS.map((e) => (
              <option key={e.id} value={e.id}>
                {e.label}
              </option>
            ))}
          </select>
          {envSpec && <p className="help">{envSpec.description}</p>}
          {envSpec && (
            <SchemaFields key={`${revision}-env-${env.type}`} idPrefix="env" fields={schemaFields(envSpec.schema)} values={env} errors={issuesUnder(issues, 'env')} locked={isLocked('env')} onChange={(k, v) => apply({ ...draft, env: { ...env, [k]: v } })} />
          )}
          <label htmlFor="policy-type">policy</label>
          <select id="policy-type" value={String(policy.type)} disabled={isLocked('policy')} onChange={(e) => apply({ ...draft, policy: { type: e.target.value } })}>
            <option value="tabular">table of logits (exact covariance law)</option>
            {policies.map((p) => (
              <option key={p.id} value={p.id}>
                {p.label}
              </option>
            ))}
          </select>
          {neuralSpec && (
            <>
              <p className="help">{neuralSpec.explanation}</p>
              <SchemaFields key={`${revision}-policy-${policy.type}`} idPrefix="policy" fields={schemaFields(neuralSpec.schema)} values={policy} errors={issuesUnder(issues, 'policy')} locked={isLocked('policy')} onChange={(k, v) => apply({ ...draft, policy: { ...policy, [k]: v } })} />
            </>
          )}
        </section>
      )}
      {show('algorithm') && (
        <section>
          <h2>Algorithm</h2>
          <label htmlFor="algorithm-type">type</label>
          <select id="algorithm-type" value={String(algorithm.type)} disabled={isLocked('algorithm')} onChange={(e) => apply({ ...draft, algorithm: { type: e.target.value } })}>
            {ALGORITHMS.map((a) => (
              <option key={a.id} value={a.id}>
                {a.label}
              </option>
            ))}
          </select>
          {algorithmSpec && <p className="help">{algorithmSpec.description}</p>}
          {algorithmSpec && (
            <SchemaFields
              key={`${revision}-algorithm-${algorithm.type}`}
              idPrefix="algorithm"
              fields={schemaFields(algorithmSpec.schema)}
              values={algorithm}
              errors={issuesUnder(issues, 'algorithm')}
              locked={isLocked('algorithm') || isLocked('lr')}
              verlKeys={algorithmSpec.verlKeys}
              onChange={(k, v) => apply({ ...draft, algorithm: { ...algorithm, [k]: v } })}
            />
          )}
          <h2>Run</h2>
          <SchemaFields
            key={`${revision}-run`}
            idPrefix="run"
            fields={[
              { key: 'steps', kind: 'integer', description: 'Training steps per run.' },
              { key: 'runs', kind: 'integer', description: 'Seeds in the ensemble (bands show 10–90%).' },
              { key: 'seed', kind: 'integer', description: 'Base seed: same seed, same numbers.' },
            ]}
            values={draft}
            errors={top}
            locked={isLocked('runs')}
            onChange={(k, v) => apply({ ...draft, [k]: v })}
          />
        </section>
      )}
      {show('interventions') && (
        <section>
          <h2>Interventions</h2>
          <InterventionsList
            entries={(draft.interventions as Raw[] | undefined) ?? []}
            epochs={Number(algorithm.epochs ?? 1)}
            revision={revision}
            errors={(path) => issuesUnder(issues, path)}
            locked={isLocked('interventions')}
            onChange={(entries) => apply({ ...draft, interventions: entries })}
          />
        </section>
      )}
      {issues.length > 0 && (
        <p className="error" role="alert">
          Not applied yet: {issues.length} setting{issues.length > 1 ? 's need' : ' needs'} fixing (see the marked fields). The running experiment is unchanged.
        </p>
      )}
    </form>
  );
}
