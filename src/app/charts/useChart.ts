// React glue for the d3 chart factories (style.md: factories own the DOM inside their element).
import { useEffect, useRef, useState } from 'react';
import type { LabStore } from '../store/labStore';

export function useChart<C extends { destroy(): void }>(create: (el: HTMLElement) => C) {
  const ref = useRef<HTMLDivElement>(null);
  const chart = useRef<C | null>(null);
  useEffect(() => {
    if (!ref.current) return;
    chart.current = create(ref.current);
    return () => {
      chart.current?.destroy();
      chart.current = null;
    };
    // The factory is fixed for the component's life.
  }, []);
  return { ref, chart };
}

/** The store's data version, coalesced to at most one change per animation frame (frozen when not `live`). */
export function useFrameVersion(store: LabStore, live = true): number {
  const [version, setVersion] = useState(store.getState().dataVersion);
  useEffect(() => {
    if (!live) return;
    let frame = 0;
    const unsubscribe = store.subscribe((s, prev) => {
      if (s.dataVersion === prev.dataVersion || frame) return;
      frame = requestAnimationFrame(() => {
        frame = 0;
        setVersion(store.getState().dataVersion);
      });
    });
    return () => {
      unsubscribe();
      cancelAnimationFrame(frame);
    };
  }, [store, live]);
  return version;
}

/** Above this many points (runs × steps) the law and scatter models cost tens of ms to rebuild. */
const HEAVY_POINTS = 20_000;

/**
 * `version`, passed on at most once a second (and always the last one) while the data hold more
 * than HEAVY_POINTS points, so that charts refitting every point keep the page responsive with a
 * thousand runs; passed on at once otherwise.
 */
export function useThrottledVersion<V>(version: V, points: number): V {
  const [shown, setShown] = useState(version);
  const last = useRef(0);
  const ms = points > HEAVY_POINTS ? 1000 : 0;
  useEffect(() => {
    const wait = last.current + ms - performance.now();
    const show = () => {
      last.current = performance.now();
      setShown(version);
    };
    if (wait <= 0) return show();
    const id = setTimeout(show, wait);
    return () => clearTimeout(id);
  }, [version, ms]);
  return shown;
}
