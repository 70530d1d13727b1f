// The lab's layout (ux.md): top bar; settings on the left; live charts in the centre; the
// explanation of the focused chart on the right. Embed mode shows only what the teacher chose.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import type { ExperimentConfig } from '../sim/config';
import { ComparePanel, CompareContext, type Comparison } from './compare/compare';
import { ControlsPanel } from './components/ControlsPanel';
import { ExplainPanel } from './components/ExplainPanel';
import { TopBar } from './components/TopBar';
import { CovarianceChart, EntropyChart, InterventionChart, LawChart, PolicyChart, RewardChart } from './charts/LabCharts';
import { EMBED_PANELS, type EmbedOptions, type EmbedPanel } from './embed/embedOptions';
import type { LabStore } from './store/labStore';
import { LibraryMenu } from './share/LibraryMenu';
import { TourPanel } from './tours/TourPanel';
import { SweepPanel } from './sweep/SweepPanel';

const CHARTS = { entropy: EntropyChart, reward: RewardChart, covariance: CovarianceChart, law: LawChart, policy: PolicyChart, interventions: InterventionChart };

interface Props {
  store: LabStore;
  embed?: EmbedOptions;
  /** Share/export menus for the top bar (absent in embed mode). */
  menus?: ReactNode;
  /** Messages for the user above the charts (e.g. what a permalink ignored). */
  notices?: ReactNode;
  /** Builds the B side of an A/B comparison (a second store and worker); no A/B button without it. */
  createComparison?(config: ExperimentConfig): Comparison;
}

export function App({ store, embed, menus, notices, createComparison }: Props) {
  const { comparison, editing, setEditing, start, stop } = useComparisonState(store, createComparison);
  const [focus, setFocus] = useState<EmbedPanel>('entropy');
  const panels = embed ? embed.panels : EMBED_PANELS;
  useSpaceToPlay(store);
  const sections = embed ? (['preset', 'environment', 'algorithm', 'interventions'] as const).filter((s) => (embed.controls as readonly string[]).includes(s)) : undefined;
  const showControls = !embed || (sections?.length ?? 0) > 0;
  return (
    <CompareContext.Provider value={comparison}>
    <div className={`lab ${embed ? 'embedded' : ''}`}>
      <TopBar store={store} controls={embed?.controls}>
        {menus}
        {!embed && <LibraryMenu store={store} onCompare={(saved) => start(saved.config)} />}
      </TopBar>
      <div className="lab-body">
        {showControls && (
          <aside className="settings" aria-label="Settings">
            {!embed && createComparison && <ComparePanel a={store} comparison={comparison} editing={editing} onEdit={setEditing} onStart={() => start()} onStop={stop} />}
            <ControlsPanel key={editing} store={editing === 'B' && comparison ? comparison.store : store} locked={embed?.locked} sections={sections} />
          </aside>
        )}
        <main className="charts" aria-label="Charts">
          {notices}
          {!embed && <TourPanel store={store} onWatch={setFocus} />}
          <div className="chart-grid">
            {panels.map((id) => {
              const Chart = CHARTS[id];
              return <Chart key={id} store={store} focused={focus === id} onFocus={setFocus} />;
            })}
          </div>
          {!embed && <SweepPanel store={store} />}
        </main>
        {!embed && <ExplainPanel focus={focus} />}
      </div>
    </div>
    </CompareContext.Provider>
  );
}

/** The A/B comparison's state: B starts as a copy of A and follows A's run controls. */
function useComparisonState(store: LabStore, create?: (config: ExperimentConfig) => Comparison) {
  const [comparison, setComparison] = useState<Comparison | null>(null);
  const [editing, setEditing] = useState<'A' | 'B'>('A');
  // One B worker per page, reused when a comparison is started again.
  const built = useRef<Comparison | null>(null);
  /** Start comparing with `config` as B (a copy of A unless given, e.g. a saved run's). */
  function start(config?: ExperimentConfig): void {
    if (!create) return;
    const a = store.getState();
    const b = (built.current ??= create(a.config));
    const wasRunning = a.status === 'running';
    b.store.getState().loadConfig(config ?? a.config);
    a.setPeer(b.store);
    if (wasRunning) store.getState().play();
    setComparison(b);
    setEditing('B');
  }
  function stop(): void {
    store.getState().setPeer(null);
    comparison?.store.getState().pause();
    setComparison(null);
    setEditing('A');
  }
  return { comparison, editing, setEditing, start, stop };
}

/** Space toggles play/pause unless the user is typing in a field. */
function useSpaceToPlay(store: LabStore): void {
  useEffect(() => {
    function onKey(e: KeyboardEvent): void {
      const target = e.target as HTMLElement | null;
      if (e.code !== 'Space' || e.repeat || (target && /^(INPUT|SELECT|TEXTAREA|BUTTON|SUMMARY|A)$/.test(target.tagName))) return;
      e.preventDefault();
      const s = store.getState();
      if (s.status === 'running') s.pause();
      else s.play();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
