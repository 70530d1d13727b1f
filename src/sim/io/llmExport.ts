// What a lab experiment means at LLM scale, read once for both config exports (verl, TRL): the
// advantage the algorithm computes, the clip bounds, the entropy bonus, the reference-KL terms
// and the Cov interventions, plus a small YAML writer with comments. The formulas behind each
// mapping are in science.md §2 and §4; the choices per trainer live in verlConfig.ts and trlConfig.ts.
import type { ExperimentConfig } from '../config';
import type { InterventionConfig } from '../interventions';
import type { ClipCovParams } from '../interventions/clipCov';
import type { KlCovParams } from '../interventions/klCov';

/** How the lab turns a group's rewards into advantages (src/sim/algorithms). */
export type LabAdvantage = 'group-std' | 'group-mean' | 'leave-one-out' | 'none' | 'group-mean-batch-whitened';

/** A penalty toward the initial policy: its divergence and β, and where the config set it. */
export interface ReferenceTerm {
  divergence: 'reverse' | 'forward' | 'js';
  coef: number;
  source: string;
}

export interface LabSemantics {
  advantage: LabAdvantage;
  /** Why the algorithm itself has no exact LLM-scale counterpart (exact mode, natural gradient). */
  algorithmNotes: string[];
  groupSize: number;
  epochs: number;
  clipLow: number;
  clipHigh: number;
  clipHigher: boolean;
  entropyBonus: number;
  reference: ReferenceTerm[];
  clipCov?: ClipCovParams & { index: number };
  klCov?: KlCovParams & { index: number };
  /** Interventions other than the ones above, with their index in the config. */
  others: { index: number; type: string }[];
}

const HANDLED = new Set(['entropyBonus', 'clipHigher', 'clipCov', 'klCov', 'refKL']);

function advantageOf(algorithm: ExperimentConfig['algorithm']): LabAdvantage {
  switch (algorithm.type) {
    case 'grpo':
      return 'group-std';
    case 'drgrpo':
      return 'group-mean';
    case 'ppo':
      return 'group-mean-batch-whitened';
    case 'pg':
    case 'npg':
    case 'reinforce': {
      const baseline = 'baseline' in algorithm ? algorithm.baseline : 'mean';
      return baseline === 'loo' ? 'leave-one-out' : baseline === 'none' ? 'none' : 'group-mean';
    }
  }
}

export function labSemantics(config: ExperimentConfig): LabSemantics {
  const algo = config.algorithm;
  const ivs: InterventionConfig[] = config.interventions;
  const find = <T extends InterventionConfig['type']>(type: T) => {
    const index = ivs.findIndex((iv) => iv.type === type);
    return index < 0 ? undefined : { ...(ivs[index] as Extract<InterventionConfig, { type: T }>), index };
  };
  const clipHigher = find('clipHigher');
  const reference: ReferenceTerm[] = algo.refKL > 0 ? [{ divergence: 'reverse', coef: algo.refKL, source: 'algorithm.refKL' }] : [];
  ivs.forEach((iv, i) => {
    if (iv.type === 'refKL') reference.push({ divergence: iv.divergence, coef: iv.coef, source: `interventions[${i}]` });
  });
  const entropyBonus = find('entropyBonus');
  const algorithmNotes = [
    ...(algo.mode === 'exact' ? [`exact mode (the lab took the expected gradient over every action; an LLM trainer has the sampled estimate, with the same baseline as below)`] : []),
    ...(algo.type === 'npg' ? ['the natural gradient of npg (Δz = η·A; verl and TRL take the vanilla gradient)'] : []),
  ];
  return {
    advantage: advantageOf(algo),
    algorithmNotes,
    groupSize: algo.groupSize,
    epochs: algo.epochs,
    clipLow: clipHigher ? clipHigher.epsLow : algo.clipLow,
    clipHigh: clipHigher ? clipHigher.epsHigh : algo.clipHigh,
    clipHigher: !!clipHigher,
    entropyBonus: entropyBonus ? entropyBonus.coef : 0,
    reference,
    clipCov: find('clipCov'),
    klCov: find('klCov'),
    others: ivs.flatMap((iv, index) => (HANDLED.has(iv.type) ? [] : [{ index, type: iv.type }])),
  };
}

/**
 * The one KL penalty a trainer config can carry: the terms in the first KL direction, their β
 * summed (two penalties in one direction are one with the summed β); the others are noted.
 */
export function singleKlTerm(terms: ReferenceTerm[], trainer: string, notes: string[]): { divergence: 'reverse' | 'forward'; coef: number; sources: string } | null {
  let first: 'reverse' | 'forward' | undefined;
  const kept: ReferenceTerm[] = [];
  for (const t of terms) {
    if (t.divergence === 'js') notes.push(`refKL with Jensen–Shannon (${t.source}: ${trainer} has KL penalties only)`);
    else if ((first ??= t.divergence) === t.divergence) kept.push(t);
    else notes.push(`the ${t.divergence}-KL penalty of ${t.source} (${trainer} takes one KL term: the ${first}-KL one is exported)`);
  }
  if (!first) return null;
  return { divergence: first, coef: kept.reduce((sum, t) => sum + t.coef, 0), sources: kept.map((t) => t.source).join(' + ') };
}

/** One line of a YAML mapping: a scalar, a nested block, or a comment on its own line. */
export type YamlLine = { key: string; value: string | number | boolean; comment?: string } | { key: string; children: YamlLine[] } | { comment: string };

/**
 * A number as YAML 1.1 (PyYAML, which TRL's parser uses) reads it as a float or int: an exponent
 * needs a dot in the mantissa and a signed exponent ("1.0e-07"), else PyYAML returns a string.
 */
export function yamlNumber(v: number): string {
  const s = String(v);
  if (!/e/.test(s)) return s;
  const [mantissa, exponent] = v.toExponential().split('e');
  return `${mantissa.includes('.') ? mantissa : `${mantissa}.0`}e${exponent.startsWith('-') || exponent.startsWith('+') ? exponent : `+${exponent}`}`;
}

/** Keys YAML 1.1 would read as booleans (verl's own generated config quotes its 'n'). */
const YAML_11_BOOLEANS = /^(y|yes|n|no|true|false|on|off)$/i;

export function yamlText(lines: YamlLine[], indent = ''): string {
  return lines
    .map((line) => {
      if (!('key' in line)) return `${indent}# ${line.comment}`;
      const key = YAML_11_BOOLEANS.test(line.key) ? `'${line.key}'` : line.key;
      if ('children' in line) return `${indent}${key}:\n${yamlText(line.children, indent + '  ')}`;
      const value = typeof line.value === 'number' ? yamlNumber(line.value) : String(line.value);
      return `${indent}${key}: ${value}${line.comment ? `  # ${line.comment}` : ''}`;
    })
    .join('\n');
}

/** "# …" lines for a header, wrapped at about 100 characters. */
export function commentLines(text: string): YamlLine[] {
  const out: YamlLine[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + word.length > 96) {
      out.push({ comment: line });
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) out.push({ comment: line });
  return out;
}

/** The "cannot be expressed" comment: one entry per intervention or setting, with the reason. */
export function unexpressedLines(trainer: string, items: string[]): YamlLine[] {
  return items.length ? commentLines(`Not expressible in ${trainer}: ${items.join('; ')}.`) : [];
}
