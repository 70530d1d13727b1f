// Left panel: preset menu, environment, policy, algorithm, run size and interventions. It edits
// a draft of the ExperimentConfig; every edit is validated with parseConfig and, when valid,
// loaded (the run restarts, and keeps playing if it was). Invalid input stays as typed, with
// the message under its field, and the store learns of it so Play waits and says why. Fields
// that the chosen mode does not read are hidden; locked ones (embed mode) say so.
import { useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import { ALGORITHMS, algorithmSpec } from '../../sim/algorithms';
import { SAMPLED_ONLY_FIELDS } from '../../sim/algorithms/base';
import { parseConfig, type ConfigIssue, type ExperimentConfig } from '../../sim/config';
import { ENVIRONMENTS, envSpec } from '../../sim/envs';
import { NEURAL_POLICIES, neuralPolicySpec } from '../../sim/neural';
import { PRESETS, presetById } from '../../sim/presets';
import type { EmbedLockable } from '../embed/embedOptions';
import type { LabStore } from '../store/labStore';
import { fieldIdOf, issuesUnder } from './configDraft';
import { InterventionsList } from './InterventionsList';
import { presetMatching } from './presetMatch';
import { LockBadge, SchemaFields } from './SchemaFields';
import { SpecPicker, type PickableSpec } from './SpecPicker';

type Raw = Record<string, unknown>;
export type SettingsSection = 'preset' | 'environment' | 'algorithm' | 'interventions';

const clone = (c: ExperimentConfig): Raw => JSON.parse(JSON.stringify(c)) as Raw;

const TABULAR: PickableSpec = { id: 'tabular', label: 'table of logits (exact covariance law)' };
const RUN_FIELDS = [
  { key: 'steps', kind: 'integer' as const, description: 'Training steps per run.' },
  { key: 'runs', kind: 'integer' as const, description: 'Seeds in the ensemble (bands show 10–90%).' },
  { key: 'seed', kind: 'integer' as const, description: 'Base seed: same seed, same numbers.' },
];

interface Props {
  store: LabStore;
  /** Settings shown but not editable (embed mode). */
  locked?: readonly EmbedLockable[];
  /** Sections to show (embed mode); all when absent. */
  sections?: readonly SettingsSection[];
  /** Interventions offered (embed mode: the teacher's choice); all when absent. */
  offeredInterventions?: readonly string[];
  /**
   * Called when the user switches an intervention on, with the config that results; returning
   * true means it was handled elsewhere (an A/B comparison started with it as B), so this
   * store keeps its config.
   */
  onInterventionOn?(config: ExperimentConfig): boolean;
}

export function ControlsPanel({ store, locked = [], sections, offeredInterventions, onInterventionOn }: Props) {
  const config = useStore(store, (s) => s.config);
  const [draft, setDraft] = useState<Raw>(() => clone(config));
  const [issues, setIssues] = useState<ConfigIssue[]>([]);
  const [revision, setRevision] = useState(0);
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
  // The store's copy of the problems (Play reads it); cleared when this editor goes away.
  useEffect(() => store.getState().setInvalidSettings(issues.map((i) => ({ ...i, fieldId: fieldIdOf(i.path, draft) }))), [issues, store]);
  useEffect(() => () => store.getState().setInvalidSettings([]), [store]);

  function apply(next: Raw, handoff?: (config: ExperimentConfig) => boolean): void {
    const parsed = parseConfig(next);
    if (parsed.ok && handoff?.(parsed.config)) return;
    setDraft(next);
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
    const parsed = parseConfig(presetById(id)?.config);
    if (!parsed.ok) return;
    store.getState().loadConfig(parsed.config);
    store.getState().play();
  }

  const show = (s: SettingsSection) => !sections || sections.includes(s);
  const isLocked = (field: EmbedLockable) => locked.includes(field);
  const env = draft.env as Raw;
  const algorithm = draft.algorithm as Raw;
  const policy = (draft.policy as Raw | undefined) ?? { type: 'tabular' };
  const exact = algorithm.mode === 'exact' || (algorithm.mode === undefined && algorithmSpec(String(algorithm.type))?.modes[0] === 'exact');
  const policies: PickableSpec[] = [TABULAR, ...NEURAL_POLICIES.filter((p) => p.envs.includes(String(env.type))).map((p) => ({ ...p, description: p.explanation }))];
  const neural = neuralPolicySpec(String(policy.type));
  const presetId = issues.length ? undefined : presetMatching(config);

  return (
    <form className="controls" onSubmit={(e) => e.preventDefault()} aria-label="Experiment settings">
      {show('preset') && (
        <section>
          <label htmlFor="preset">
            Preset
            {isLocked('preset') && <LockBadge />}
          </label>
          <select id="preset" value={presetId ?? ''} onChange={(e) => loadPreset(e.target.value)} disabled={isLocked('preset')}>
            {!presetId && <option value="">Your own settings (no preset)</option>}
            {PRESETS.map((p) => (
              <option key={p.id} value={p.id}>
                {p.title}
              </option>
            ))}
          </select>
          {presetId && <p className="help">{presetById(presetId)?.description}</p>}
          {presetId && presetById(presetId)?.paperDifferences && <p className="help">Differs from the paper: {presetById(presetId)?.paperDifferences}</p>}
        </section>
      )}
      {show('environment') && (
        <section>
          <h2>Environment</h2>
          <SpecPicker
            idPrefix="env"
            label="type"
            specs={ENVIRONMENTS}
            chosen={envSpec(String(env.type))}
            value={env}
            errors={issuesUnder(issues, 'env')}
            lockedType={isLocked('env')}
            lockedFields={isLocked('env')}
            revision={revision}
            onPick={(type) => apply({ ...draft, env: { type }, policy: { type: 'tabular' } })}
            onField={(k, v) => apply({ ...draft, env: { ...env, [k]: v } })}
          />
          <SpecPicker
            idPrefix="policy"
            label="policy"
            specs={policies}
            chosen={neural ? { ...neural, description: neural.explanation } : TABULAR}
            value={policy}
            errors={issuesUnder(issues, 'policy')}
            lockedType={isLocked('policy')}
            lockedFields={isLocked('policy')}
            revision={revision}
            onPick={(type) => apply({ ...draft, policy: { type } })}
            onField={(k, v) => apply({ ...draft, policy: { ...policy, [k]: v } })}
          />
        </section>
      )}
      {show('algorithm') && (
        <section>
          <h2>Algorithm</h2>
          <SpecPicker
            idPrefix="algorithm"
            label="type"
            specs={ALGORITHMS}
            chosen={algorithmSpec(String(algorithm.type))}
            value={algorithm}
            errors={issuesUnder(issues, 'algorithm')}
            lockedType={isLocked('algorithm')}
            lockedFields={isLocked('algorithm') || (isLocked('lr') ? ['lr'] : false)}
            hidden={exact ? SAMPLED_ONLY_FIELDS : []}
            revision={revision}
            onPick={(type) => apply({ ...draft, algorithm: { type } })}
            onField={(k, v) => apply({ ...draft, algorithm: { ...algorithm, [k]: v } })}
          />
          {exact && <p className="help">Exact mode uses the expected update: no batch, groups, epochs, clipping or baseline to set.</p>}
          <h2>Run</h2>
          <SchemaFields key={`${revision}-run`} idPrefix="run" fields={RUN_FIELDS} values={draft} errors={issuesUnder(issues, '')} locked={isLocked('runs') ? ['runs'] : false} onChange={(k, v) => apply({ ...draft, [k]: v })} />
        </section>
      )}
      {show('interventions') && (
        <section>
          <h2>
            Interventions
            {isLocked('interventions') && <LockBadge />}
          </h2>
          <InterventionsList
            entries={(draft.interventions as Raw[] | undefined) ?? []}
            epochs={Number(algorithm.epochs ?? 1)}
            mode={exact ? 'exact' : 'sampled'}
            offered={offeredInterventions}
            revision={revision}
            errors={(path) => issuesUnder(issues, path)}
            locked={isLocked('interventions')}
            onChange={(entries, switchedOn) => apply({ ...draft, interventions: entries }, switchedOn ? onInterventionOn : undefined)}
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
