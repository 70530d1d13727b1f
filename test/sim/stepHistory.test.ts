// The bounded per-step history behind the summary's bands and the page's charts: memory stays
// under its capacity however many steps arrive, the latest window stays whole, older steps are
// the multiples of the stride, and histories fed the same steps keep the same ones.
import { describe, expect, it } from 'vitest';
import { StepHistory } from '../../src/sim/stepHistory';

describe('StepHistory', () => {
  it('keeps every step until it is full', () => {
    const h = new StepHistory<number>(64, 8);
    for (let t = 0; t < 63; t++) h.push(t, t * 10);
    expect(h.complete).toBe(true);
    expect(h.steps).toEqual(Array.from({ length: 63 }, (_, t) => t));
    expect(h.items[62]).toBe(620);
  });

  it('stays within its capacity over a million steps, with the latest window whole and older steps on the stride grid', () => {
    const capacity = 256;
    const window = 32;
    const h = new StepHistory<number>(capacity, window);
    let longest = 0;
    for (let t = 0; t < 1_000_000; t++) {
      h.push(t, t);
      longest = Math.max(longest, h.length);
    }
    expect(longest).toBeLessThanOrEqual(capacity);
    expect(h.complete).toBe(false);
    const latest = 999_999;
    const inWindow = h.steps.filter((s) => s > latest - window);
    expect(inWindow).toEqual(Array.from({ length: window }, (_, i) => latest - window + 1 + i));
    // Older steps: every multiple of the stride from step 0 up to the window.
    const older = h.steps.filter((s) => s <= latest - window);
    expect(older).toEqual(Array.from({ length: older.length }, (_, i) => i * h.stride));
    expect(older[older.length - 1]).toBeGreaterThan(latest - window - h.stride);
    expect(older.length).toBeGreaterThan((capacity - window) / 2 - 1);
    expect(h.items).toEqual(h.steps);
  });

  it('keeps the same steps in two histories fed the same steps (charts stay aligned)', () => {
    const a = new StepHistory<string>(32, 4);
    const b = new StepHistory<number>(32, 4);
    for (let t = 0; t < 5000; t += 3) {
      a.push(t, `a${t}`);
      b.push(t, t);
    }
    expect(a.steps).toEqual(b.steps);
    expect(() => a.push(4998, 'late')).toThrow(/after/);
  });
});
