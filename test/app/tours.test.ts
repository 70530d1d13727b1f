// Guided tours: every step's config parses, every question has one right answer and tours cover
// science.md findings 1–8. What the tours claim is checked on their runs in tourClaims.test.ts.
import { describe, expect, it } from 'vitest';
import { PANEL_IDS as EMBED_PANELS } from '../../src/app/panels';
import { TOURS } from '../../src/app/tours/tours';
import { parseConfig } from '../../src/sim/config';

describe('guided tours', () => {
  it('cover findings 1–8 with valid configs, one right answer each and a chart to watch', () => {
    expect(TOURS.map((t) => t.finding).sort()).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(new Set(TOURS.map((t) => t.id)).size).toBe(TOURS.length);
    for (const tour of TOURS) {
      for (const step of tour.steps) {
        const parsed = parseConfig(step.config);
        expect(parsed.ok ? [] : parsed.issues, `${tour.id}: ${step.title}`).toEqual([]);
        expect(step.choices.filter((c) => c.correct)).toHaveLength(1);
        expect(EMBED_PANELS).toContain(step.watch);
      }
    }
  });

  it('puts the right answer in different places, not always first', () => {
    const positions = new Set(TOURS.flatMap((t) => t.steps.map((s) => s.choices.findIndex((c) => c.correct))));
    expect(positions.size).toBeGreaterThan(1);
  });
});
