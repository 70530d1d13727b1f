// The TypeScript struct mirrors (train/layout.ts, rng/layout.ts, bands/layout.ts) pinned against their WGSL
// source: same field names, types and order as parsed from the .wgsl files, and byte for byte
// on the GPU: a probe shader built from the WGSL struct text reads two array elements the
// host encoded with the mirror and writes back every field's bits.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import rngFillWgsl from '../../src/kernels-wgsl/rng/rngFill.wgsl?raw';
import trainLayoutWgsl from '../../src/kernels-wgsl/train/layout.wgsl?raw';
import { RNG_FILL_PARAMS } from '../../src/kernels-wgsl/rng/layout';
import bandsWgsl from '../../src/kernels-wgsl/bands/ensembleBands.wgsl?raw';
import { BAND_PARAMS } from '../../src/kernels-wgsl/bands/layout';
import { DISPATCH_PARAMS, RUN_STATE, STEP_METRICS, TRAIN_PARAMS } from '../../src/kernels-wgsl/train/layout';
import type { StructLayout } from '../../src/kernels-wgsl/structLayout';
import { assembleTrainWgsl, encodeStageParams, STAGE_PARAMS_BINDING } from '../../src/kernels-wgsl/train/assemble';
import { GPU_STAGES } from '../../src/kernels-wgsl/train/stages';
import { stageWgsl } from '../../src/kernels-wgsl/train/stages/sources';
import { testGpu, type TestGpu } from './gpu';

let gpu: TestGpu;
beforeAll(async () => {
  gpu = await testGpu();
});
afterAll(() => gpu?.device.destroy());

/** The text of `struct name { … }` in a WGSL source. */
function structSource(wgsl: string, name: string): string {
  const match = new RegExp(`struct\\s+${name}\\s*\\{[^}]*\\}`).exec(wgsl);
  if (!match) throw new Error(`struct ${name} not found`);
  return match[0];
}

function parsedFields(source: string): [string, string][] {
  const body = source.slice(source.indexOf('{') + 1, source.lastIndexOf('}')).replace(/\/\*[\s\S]*?\*\/|\/\/.*/g, '');
  return [...body.matchAll(/(\w+)\s*:\s*(\w+)/g)].map((m) => [m[1], m[2]]);
}

const MIRRORS: [StructLayout<string>, string][] = [
  [TRAIN_PARAMS, trainLayoutWgsl],
  [DISPATCH_PARAMS, trainLayoutWgsl],
  [STEP_METRICS, trainLayoutWgsl],
  [RUN_STATE, trainLayoutWgsl],
  [RNG_FILL_PARAMS, rngFillWgsl],
  [BAND_PARAMS, bandsWgsl],
  // Every GPU stage's parameter struct, against its own .wgsl file.
  ...GPU_STAGES.map((s): [StructLayout<string>, string] => [s.params, stageWgsl(s.id)]),
];

/** Distinct, exactly representable values per field and element. */
function probeValues(layout: StructLayout<string>, element: number): Record<string, number> {
  return Object.fromEntries(layout.fields.map((f, i) => [f.name, f.type === 'f32' ? element * 100 + i + 0.25 : element * 1000 + i + 7]));
}

async function readBack(buffer: GPUBuffer, bytes: number): Promise<Uint32Array> {
  const staging = gpu.device.createBuffer({ label: 'layoutTest.staging', size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  const encoder = gpu.device.createCommandEncoder();
  encoder.copyBufferToBuffer(buffer, 0, staging, 0, bytes);
  gpu.device.queue.submit([encoder.finish()]);
  await staging.mapAsync(GPUMapMode.READ);
  const out = new Uint32Array(staging.getMappedRange().slice(0));
  staging.destroy();
  return out;
}

/**
 * Runs a one-invocation probe shader with `bytes` in a buffer of `usage` at `inputBinding` and a
 * u32 `out` at binding 1, and reads back its `words` output words.
 */
async function runProbe(label: string, code: string, inputBinding: number, bytes: ArrayBuffer, usage: GPUBufferUsageFlags, words: number): Promise<Uint32Array> {
  const input = gpu.device.createBuffer({ label: `${label}.input`, size: bytes.byteLength, usage, mappedAtCreation: true });
  new Uint8Array(input.getMappedRange()).set(new Uint8Array(bytes));
  input.unmap();
  const output = gpu.device.createBuffer({ label: 'layoutTest.output', size: 4 * words, usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC });
  const pipeline = gpu.device.createComputePipeline({ label, layout: 'auto', compute: { module: gpu.device.createShaderModule({ code }), entryPoint: 'main' } });
  const bindGroup = gpu.device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [
      { binding: inputBinding, resource: { buffer: input } },
      { binding: 1, resource: { buffer: output } },
    ],
  });
  const encoder = gpu.device.createCommandEncoder();
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(1);
  pass.end();
  gpu.device.queue.submit([encoder.finish()]);
  const bits = await readBack(output, 4 * words);
  input.destroy();
  output.destroy();
  return bits;
}

describe('WGSL struct mirrors', () => {
  it.each(MIRRORS.map(([layout, wgsl]) => [layout.name, layout, wgsl] as const))('%s: same fields as the WGSL source and the same bytes on the GPU', async (name, layout, wgsl) => {
    const source = structSource(wgsl, name);
    expect(parsedFields(source)).toEqual(layout.fields.map((f) => [f.name, f.type]));

    const host = new ArrayBuffer(2 * layout.stride);
    for (let e = 0; e < 2; e++) layout.write(probeValues(layout, e), new DataView(host), e * layout.stride);
    const count = 2 * layout.fields.length;
    const reads = [0, 1].flatMap((e) => layout.fields.map((f, i) => `out[${e * layout.fields.length + i}] = bitcast<u32>(structs[${e}].${f.name});`));
    const probe = `${source}\n@group(0) @binding(0) var<storage, read> structs: array<${name}, 2>;\n@group(0) @binding(1) var<storage, read_write> out: array<u32>;\n@compute @workgroup_size(1) fn main() {\n${reads.join('\n')}\n}`;
    const bits = await runProbe(`layoutTest.${name}`, probe, 0, host, GPUBufferUsage.STORAGE, count);
    // Every field's word, read back where the shader found it, is the word the mirror wrote.
    const expected = new Uint32Array(host);
    for (let e = 0; e < 2; e++) {
      for (const [i, f] of layout.fields.entries()) expect(bits[e * layout.fields.length + i], `${name}[${e}].${f.name}`).toBe(expected[(e * layout.stride + f.offset) / 4]);
    }
  });

  it('StageParams: every stage’s struct at its offset in the uniform the kernel reads (16-byte aligned members)', async () => {
    const kernel = assembleTrainWgsl(GPU_STAGES);
    const structs = [structSource(kernel, 'StageParams'), ...GPU_STAGES.map((s) => structSource(stageWgsl(s.id), s.params.name))].join('\n');
    const values = GPU_STAGES.map((s) => probeValues(s.params, GPU_STAGES.indexOf(s) + 1));
    const bytes = encodeStageParams(GPU_STAGES, values);
    const fields = GPU_STAGES.flatMap((s) => s.params.fields.map((f) => ({ stage: s, field: f })));
    const reads = fields.map(({ stage, field }, i) => `out[${i}] = bitcast<u32>(stageParams.${stage.id}.${field.name});`);
    const probe = `${structs}\n@group(0) @binding(${STAGE_PARAMS_BINDING}) var<uniform> stageParams: StageParams;\n@group(0) @binding(1) var<storage, read_write> out: array<u32>;\n@compute @workgroup_size(1) fn main() {\n${reads.join('\n')}\n}`;
    const bits = await runProbe('layoutTest.StageParams', probe, STAGE_PARAMS_BINDING, bytes, GPUBufferUsage.UNIFORM, fields.length);
    const expected = fields.map(({ stage, field }) => {
      const one = new ArrayBuffer(stage.params.uniformSize);
      stage.params.write(values[GPU_STAGES.indexOf(stage)], new DataView(one));
      return new Uint32Array(one)[field.offset / 4];
    });
    fields.forEach(({ stage, field }, i) => expect(bits[i], `${stage.id}.${field.name}`).toBe(expected[i]));
  });
});

