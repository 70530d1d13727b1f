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

/** The store's data version, coalesced to at most one change per animation frame. */
export function useFrameVersion(store: LabStore): number {
  const [version, setVersion] = useState(store.getState().dataVersion);
  useEffect(() => {
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
  }, [store]);
  return version;
}
