// The lab's layout (ux.md): top bar; settings on the left (a drawer on phones); live charts in
// the centre; the explanation of the focused chart beside or below them. Embed mode shows only
// what the teacher chose. The charts come from the panel registry (panels/index.ts).
import { useEffect, useRef, useState, type KeyboardEvent as ReactKeyboardEvent, type ReactNode } from 'react';
import type { ExperimentConfig } from '../sim/config';
import { CompareContext, CompareNames, ComparePanel, type Comparison } from './compare/compare';
import { useComparisonState } from './compare/useComparisonState';
import { ControlsPanel, type SettingsSection } from './components/ControlsPanel';
import { ExplainPanel } from './components/ExplainPanel';
import { TopBar } from './components/TopBar';
import type { EmbedOptions } from './embed/embedOptions';
import { PANELS, type PanelId } from './panels';
import type { LabStore } from './store/labStore';
import { LibraryMenu } from './share/LibraryMenu';
import { useHashSync } from './share/useHashSync';
import { TourPanel } from './tours/TourPanel';
import { SweepPanel } from './sweep/SweepPanel';

interface Props {
  store: LabStore;
  embed?: EmbedOptions;
  /** Share/export menus for the top bar (absent in embed mode). */
  menus?: ReactNode;
  /** Messages for the user above the charts (e.g. what a permalink ignored). */
  notices?: ReactNode;
  /** Builds the B side of an A/B comparison (a second store and worker); no A/B without it. */
  createComparison?(config: ExperimentConfig): Comparison;
  /** B of a comparison to start with (a link that carried one). */
  initialComparison?: ExperimentConfig;
}

const SECTIONS: readonly SettingsSection[] = ['preset', 'environment', 'algorithm', 'interventions'];

export function App({ store, embed, menus, notices, createComparison, initialComparison }: Props) {
  const compare = useComparisonState(store, createComparison);
  const { comparison, editing, setEditing, start, stop } = compare;
  const [compareFirst, setCompareFirst] = useState(true);
  const [focus, setFocus] = useState<PanelId>('entropy');
  const drawer = useDrawer();
  useHashSync(store, compare, !embed);
  useSpaceToPlay(store);
  const started = useRef(false);
  useEffect(() => {
    if (initialComparison && !started.current) start(initialComparison);
    started.current = true;
  }, []);
  const panels = PANELS.filter((p) => !embed || embed.panels.includes(p.id));
  const sections = embed ? SECTIONS.filter((s) => (embed.controls as readonly string[]).includes(s)) : undefined;
  const showControls = !embed || (sections?.length ?? 0) > 0;
  const editedStore = editing === 'B' && comparison ? comparison.store : store;
  /** Compare first: an intervention switched on becomes B, against A without it. */
  function onInterventionOn(config: ExperimentConfig): boolean {
    if (comparison || !compareFirst || !createComparison) return false;
    // Compare first means seeing the split at once: both sides run from step 0.
    start(config);
    return true;
  }
  return (
    <CompareContext.Provider value={comparison}>
      <div className={`lab ${embed ? 'embedded' : ''}`}>
        <TopBar store={store} controls={embed?.controls} onOpenSettings={showControls ? drawer.open : undefined} settingsOpen={drawer.isOpen}>
          {menus}
          {!embed && <LibraryMenu store={store} onCompare={(saved) => start(saved.config)} />}
        </TopBar>
        <div className="lab-body">
          {showControls && (
            <aside id="settings" className={`settings ${drawer.isOpen ? 'open' : ''}`} aria-label="Settings" ref={drawer.panel} onKeyDown={drawer.onKeyDown}>
              <button type="button" className="drawer-close" onClick={drawer.close}>
                Close settings
              </button>
              {!embed && createComparison && (
                <ComparePanel a={store} comparison={comparison} editing={editing} compareFirst={compareFirst} onCompareFirst={setCompareFirst} onEdit={setEditing} onStart={() => start()} onStop={stop} />
              )}
              <ControlsPanel key={editing} store={editedStore} locked={embed?.locked} sections={sections} offeredInterventions={embed?.interventions} onInterventionOn={embed ? undefined : onInterventionOn} />
            </aside>
          )}
          {drawer.isOpen && <div className="drawer-backdrop" aria-hidden="true" onClick={drawer.close} />}
          <main className="charts" aria-label="Charts">
            {notices}
            {!embed && <TourPanel store={store} onWatch={setFocus} onCompare={(b, a) => (b ? start(b, a, false) : comparison && stop())} />}
            {comparison && <CompareNames a={store} b={comparison.store} />}
            <div className="chart-grid">
              {panels.map(({ id, component: Chart }) => (
                <Chart key={id} store={store} focused={focus === id} onFocus={() => setFocus(id)} />
              ))}
            </div>
            {!embed && <SweepPanel store={store} />}
          </main>
          {!embed && <ExplainPanel focus={focus} />}
        </div>
      </div>
    </CompareContext.Provider>
  );
}

/** The settings drawer of narrow screens: opens from the top bar, closes with Escape, the close button or the backdrop, and gives focus back to the Settings button. */
function useDrawer() {
  const [isOpen, setOpen] = useState(false);
  const panel = useRef<HTMLElement>(null);
  const opener = useRef<Element | null>(null);
  function open(): void {
    opener.current = document.activeElement;
    setOpen(true);
  }
  function close(): void {
    setOpen(false);
    (opener.current as HTMLElement | null)?.focus();
  }
  useEffect(() => {
    if (isOpen) panel.current?.querySelector<HTMLElement>('.drawer-close')?.focus();
  }, [isOpen]);
  return { isOpen, open, close, panel, onKeyDown: (e: ReactKeyboardEvent) => isOpen && e.key === 'Escape' && close() };
}

/** Space toggles play/pause unless the user is typing in a field. */
function useSpaceToPlay(store: LabStore): void {
  useEffect(() => {
    function onKey(e: KeyboardEvent): void {
      const target = e.target as Element | null;
      if (e.code !== 'Space' || e.repeat || (target && /^(INPUT|SELECT|TEXTAREA|BUTTON|SUMMARY|A|svg)$/i.test(target.tagName))) return;
      e.preventDefault();
      const s = store.getState();
      if (s.status === 'running') s.pause();
      else if (!s.invalidSettings.length) s.play();
    }
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [store]);
}
