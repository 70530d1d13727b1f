// The training kernel for a set of stages (issue 17): the base files, the stages' files, and a
// short generated part that declares their parameter uniform and calls each hook of every
// stage in the config's order. Pure: text and bytes, no GPU objects.
import rngWgsl from '../rng/rng.wgsl?raw';
import layoutWgsl from './layout.wgsl?raw';
import reduceWgsl from './reduce.wgsl?raw';
import evaluateWgsl from './evaluate.wgsl?raw';
import rolloutWgsl from './rollout.wgsl?raw';
import dynamicSamplingWgsl from './dynamicSampling.wgsl?raw';
import advantageWgsl from './advantage.wgsl?raw';
import updateWgsl from './update.wgsl?raw';
import exactWgsl from './exact.wgsl?raw';
import trainWgsl from './train.wgsl?raw';
import { stageWgsl } from './stages/sources';
import type { AnyGpuStage, StageHook } from './stages/types';

/** The base kernel's files: WGSL declarations are order-free, so the stages may follow. */
const BASE_WGSL = [rngWgsl, layoutWgsl, reduceWgsl, evaluateWgsl, rolloutWgsl, dynamicSamplingWgsl, advantageWgsl, updateWgsl, exactWgsl, trainWgsl];

/** Binding of the StageParams uniform (after the base kernel's ten). */
export const STAGE_PARAMS_BINDING = 10;

interface HookShape {
  /** The dispatcher's name in the base kernel. */
  name: string;
  params: string;
  args: string;
  /** How the stages' results combine: none, a sum, a product, or a value each one replaces. */
  combine: { type: 'none' } | { type: 'sum' | 'product'; result: string; start: string } | { type: 'chain'; result: string; through: string };
  /**
   * A hook the whole workgroup calls once (not per token or row): each stage's call is followed
   * by a storageBarrier, so the next stage and the kernel read whatever it wrote to scratch.
   */
  workgroup?: true;
}

const HOOKS: Record<StageHook, HookShape> = {
  beginStep: { name: 'stagesBeginStep', params: 'step: u32, before: vec4<f32>', args: 'step, before', combine: { type: 'none' }, workgroup: true },
  samplingTable: { name: 'stagesSamplingTable', params: 'step: u32, table: u32', args: 'step, b', combine: { type: 'chain', result: 'u32', through: 'table' }, workgroup: true },
  transformAdvantages: { name: 'stagesTransformAdvantages', params: '', args: '', combine: { type: 'none' }, workgroup: true },
  tokenAdvantage: { name: 'stagesTokenAdvantage', params: 'i: u32, adv: f32', args: 'i, b', combine: { type: 'chain', result: 'f32', through: 'adv' } },
  selectTokens: { name: 'stagesSelectTokens', params: 'step: u32, means: vec2<f32>', args: 'step, means', combine: { type: 'none' }, workgroup: true },
  beginEpoch: { name: 'stagesBeginEpoch', params: 'step: u32, epoch: u32, bounds: vec2<f32>', args: 'step, epoch, bounds', combine: { type: 'none' }, workgroup: true },
  clipBounds: { name: 'stagesClipBounds', params: 'epoch: u32, bounds: vec2<f32>', args: 'epoch, b', combine: { type: 'chain', result: 'vec2<f32>', through: 'bounds' } },
  tokenWeight: { name: 'stagesTokenWeight', params: 'i: u32', args: 'i', combine: { type: 'product', result: 'f32', start: '1.0' } },
  tokenLoss: { name: 'stagesTokenLoss', params: 'i: u32, moved: f32', args: 'i, moved', combine: { type: 'sum', result: 'f32', start: '0.0' } },
  rowBegin: { name: 'stagesRowBegin', params: 's: u32, epoch: u32, stats: RowStats', args: 's, epoch, stats', combine: { type: 'none' } },
  rowDirection: { name: 'stagesRowDirection', params: 's: u32, a: u32, lp: f32, stats: RowStats', args: 's, a, lp, stats', combine: { type: 'sum', result: 'f32', start: '0.0' } },
  afterEpochs: { name: 'stagesAfterEpochs', params: '', args: '', combine: { type: 'none' }, workgroup: true },
  writeMetrics: { name: 'stagesWriteMetrics', params: 'base: u32', args: 'base', combine: { type: 'none' } },
};

/** A hook's dispatcher: each stage that has the hook, in order. */
function dispatcher(hook: StageHook, stages: readonly AnyGpuStage[]): string {
  const h = HOOKS[hook];
  const users = stages.filter((s) => s.hooks.includes(hook));
  const call = (s: AnyGpuStage) => `${s.id}_${hook}(${h.args})`;
  const barrier = h.workgroup ? '  storageBarrier();\n' : '';
  const c = h.combine;
  if (c.type === 'none') return `fn ${h.name}(${h.params}) {\n${users.map((s) => `  ${call(s)};\n${barrier}`).join('')}}`;
  if (c.type === 'chain') return `fn ${h.name}(${h.params}) -> ${c.result} {\n  var b = ${c.through};\n${users.map((s) => `  b = ${call(s)};\n${barrier}`).join('')}  return b;\n}`;
  const op = c.type === 'sum' ? '+=' : '*=';
  return `fn ${h.name}(${h.params}) -> ${c.result} {\n  var r: ${c.result} = ${c.start};\n${users.map((s) => `  r ${op} ${call(s)};\n`).join('')}  return r;\n}`;
}

/**
 * `<id>_priorWeight(i)` for each stage that selects tokens: the product of the token weights of
 * the stages before it, the weight the CPU's tokens.weight holds when that stage's tokenWeights
 * runs (a stage that leaves tokens another one dropped alone reads it).
 */
function priorWeights(stages: readonly AnyGpuStage[]): string[] {
  return stages.flatMap((s, k) => {
    if (!s.hooks.includes('selectTokens')) return [];
    const before = stages.slice(0, k).filter((b) => b.hooks.includes('tokenWeight'));
    return [`fn ${s.id}_priorWeight(i: u32) -> f32 {\n  return 1.0${before.map((b) => ` * ${b.id}_tokenWeight(i)`).join('')};\n}`];
  });
}

/** The kernel's WGSL for `stages` (the config's stages, each once, in first-use order). */
export function assembleTrainWgsl(stages: readonly AnyGpuStage[]): string {
  const members = stages.map((s) => `  @align(16) ${s.id}: ${s.params.name},\n`).join("");
  const needsRowStats = stages.some((s) => s.hooks.includes('rowBegin') || s.hooks.includes('rowDirection'));
  const generated = [
    '// Generated by assemble.ts for this kernel\'s stages.',
    `struct StageParams {\n  /** Keeps the struct non-empty without stages. */\n  header: vec4<u32>,\n${members}}`,
    `@group(0) @binding(${STAGE_PARAMS_BINDING}) var<uniform> stageParams: StageParams;`,
    `const STAGES_NEED_ROW_STATS: bool = ${needsRowStats};`,
    ...(Object.keys(HOOKS) as StageHook[]).map((hook) => dispatcher(hook, stages)),
    ...priorWeights(stages),
  ].join('\n\n');
  return [...BASE_WGSL, ...stages.map((s) => stageWgsl(s.id)), generated].join('\n');
}

/** Byte offset of each stage's struct in StageParams: after the 16-byte header, each 16-aligned (uniform layout). */
export function stageParamOffsets(stages: readonly AnyGpuStage[]): number[] {
  const offsets: number[] = [];
  let at = 16;
  for (const s of stages) {
    offsets.push(at);
    at += Math.ceil(s.params.size / 16) * 16;
  }
  return offsets;
}

/** The StageParams uniform's bytes for the stages' values. */
export function encodeStageParams(stages: readonly AnyGpuStage[], values: readonly Record<string, number>[]): ArrayBuffer {
  const offsets = stageParamOffsets(stages);
  const size = stages.length ? offsets[offsets.length - 1] + Math.ceil(stages[stages.length - 1].params.size / 16) * 16 : 16;
  const buf = new ArrayBuffer(size);
  const view = new DataView(buf);
  stages.forEach((s, i) => s.params.write(values[i], view, offsets[i]));
  return buf;
}
