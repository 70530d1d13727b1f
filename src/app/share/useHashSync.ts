// Keeps the address bar's hash on the experiment on screen (replaceState: no history entries)
// and loads a hash the user types or follows (hashchange), with what it ignored as notices.
import { useEffect } from 'react';
import type { Comparison } from '../compare/compare';
import type { ComparisonState } from '../compare/useComparisonState';
import { notices } from '../notices';
import type { LabStore } from '../store/labStore';
import { formatHash, readHash } from './permalinkSync';

export function useHashSync(store: LabStore, compare: ComparisonState, enabled: boolean): void {
  const comparison: Comparison | null = compare.comparison;
  useEffect(() => {
    if (!enabled) return;
    const write = () => {
      const hash = `#${formatHash(store.getState().config, comparison?.store.getState().config)}`;
      if (location.hash !== hash) history.replaceState(history.state, '', hash);
    };
    write();
    const offA = store.subscribe((s, prev) => s.config !== prev.config && write());
    const offB = comparison?.store.subscribe((s, prev) => s.config !== prev.config && write());
    return () => {
      offA();
      offB?.();
    };
  }, [store, comparison, enabled]);

  useEffect(() => {
    if (!enabled) return;
    function onHash(): void {
      const r = readHash(location.hash);
      if (r.kind === 'rejected') notices.getState().replace([r.message]);
      if (r.kind !== 'config') return;
      if (r.compare) compare.start(r.compare, r.config, false);
      else {
        if (compare.comparison) compare.stop();
        store.getState().loadConfig(r.config);
      }
      store.getState().play();
      notices.getState().replace(r.ignored.map((m) => `Ignored from the link: ${m}`));
    }
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  });
}
