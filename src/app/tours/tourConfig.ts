// A tour step's experiment: its preset, with the step's overrides merged section by section.
import { parseConfig, type ParseResult } from '../../sim/config';
import { presetById } from '../../sim/presets';
import type { TourStep } from './tours';

export function tourStepConfig(step: TourStep): ParseResult {
  const preset = presetById(step.preset);
  if (!preset) return { ok: false, issues: [{ path: '', message: `tour step "${step.title}": no preset ${step.preset}` }] };
  const base = preset.config as Record<string, unknown>;
  const over = step.over ?? {};
  const merged: Record<string, unknown> = { ...base, ...over };
  for (const section of ['env', 'algorithm'] as const) {
    if (over[section]) merged[section] = { ...(base[section] as object), ...(over[section] as object) };
  }
  return parseConfig(merged);
}
