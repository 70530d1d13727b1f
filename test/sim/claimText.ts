// The text a claim test must cover: the numbers of a preset's or tour's words (references to
// science.md's findings aside), so that no number stands unchecked.
import type { Preset } from '../../src/sim/presets';

export function presetClaimText(preset: Preset): string {
  return [preset.title, preset.description, preset.paperDifferences ?? ''].join('\n');
}

/** The numbers written in a text: "0.62", "2e-4", "384", "5" of "5×5"; not "finding 5". */
export function numbersIn(text: string): string[] {
  const withoutFindings = text.replace(/\(findings? [\d, and]+(?:, in part)?\)/g, '');
  return withoutFindings.match(/\d+(?:\.\d+)?(?:e-?\d+)?/g) ?? [];
}
