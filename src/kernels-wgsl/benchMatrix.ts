// `npm run bench -- --matrix` (issue 17): one row per environment × algorithm family × intervention
// family (benchFamilies.ts), each a small ensemble timed on the CPU backend (one thread, float64)
// and, where gpuSupport accepts it, on WebGPU through createBackend over the same steps, judged by
// the same claim as the differential fuzzer (differential.ts judgeRecords). A row the GPU refuses
// carries the refusal, so the matrix shows the kernel's coverage as it grows.
import { parseConfig, type ExperimentConfig } from '../sim/config';
import { CpuBackend } from '../sim/cpuBackend';
import { envSpec } from '../sim/envs';
import { interventionSpec } from '../sim/interventions';
import { inertIssues } from '../sim/interventions/compose';
import { encodePermalink } from '../sim/permalink';
import type { EnvSpec, InterventionSpec, Mode } from '../sim/types';
import { gpuSupport, requestLabDevice, type GpuHost } from '.';
import { describeAdapter, webgpuRowName, type AdapterReport } from './adapterKind';
import { algorithmFamilies, BENCH_ENVIRONMENTS, interventionFamilies } from './benchFamilies';
import { timeOnGpu, timeSteps, type TimedSteps } from './benchTiming';

export interface MatrixOptions {
  runs: number;
  /** Timed steps, after one untimed step, on both backends. */
  steps: number;
  /** Every member of every family (each algorithm × each intervention) instead of one per family. */
  members: boolean;
  /** Exact-mode rows too (algorithms and interventions that have an exact mode). */
  exact: boolean;
}

export const DEFAULT_MATRIX: MatrixOptions = { runs: 256, steps: 5, members: false, exact: false };

/** One backend's timing of a row. */
export interface MatrixTiming {
  seconds: number;
  /** Runs × steps per second: every row has it (exact mode has no samples). */
  runStepsPerSecond: number;
  /** Sampled mode: trajectories (one answer, one episode, one pull) × steps per second. */
  sampleStepsPerSecond?: number;
  /** Sampled mode: sampled actions (tokens, moves, pulls) per second, counted on the CPU's episodes. */
  transitionsPerSecond?: number;
}

export interface MatrixGpu extends MatrixTiming {
  /** "webgpu" or "webgpu (CPU adapter: SwiftShader)" (adapterKind.ts). */
  name: string;
  label: string;
  ratioToCpu: number;
  gpuBusyFraction?: number;
  gpuBytesPerRun?: number;
  agreement: { agrees: boolean; verdict: string; worst: Record<string, number> };
}

export interface MatrixRow {
  env: string;
  mode: Mode;
  algorithm: { family: string; id: string };
  intervention: { family: string; id?: string };
  /** The figure the table shows: transitions where an episode has several steps, else sample-steps. */
  unit: 'sample-steps/s' | 'transitions/s' | 'run-steps/s';
  permalink: string;
  cpu: MatrixTiming;
  gpu?: MatrixGpu;
  /** Why this config is not on the GPU (gpuSupport's reason, or why WebGPU did not start). */
  gpuRefused?: string;
  /** The intervention family's members on the GPU for this env and algorithm, and the others' refusals. */
  familyOnGpu?: { accepted: string[]; refused: Record<string, string> };
  notes: string[];
}

export interface MatrixReport {
  options: MatrixOptions;
  machine: string;
  adapter?: AdapterReport;
  rows: MatrixRow[];
  notes: string[];
}

/** A row before it is measured. */
interface Cell {
  config: ExperimentConfig;
  algorithm: { family: string; id: string };
  intervention: { family: string; id?: string };
}

function configFor(o: MatrixOptions, env: string, mode: Mode, algorithm: string, intervention?: string): ExperimentConfig | undefined {
  const r = parseConfig({ version: 1, seed: 1, steps: o.steps + 1, runs: o.runs, backend: 'webgpu', env: { type: env }, algorithm: { type: algorithm, mode }, interventions: intervention ? [{ type: intervention }] : [] });
  return r.ok ? r.config : undefined;
}

/**
 * The rows: per env, algorithm family and intervention family, the first pair of members that
 * makes a valid config and that gpuSupport accepts, else the first valid pair (a refused row);
 * with `members`, every valid pair. gpuSupport is asked at run time, so a family's row moves to
 * the GPU as soon as one of its members does.
 */
export function matrixCells(o: MatrixOptions): Cell[] {
  const cells: Cell[] = [];
  const modes: Mode[] = o.exact ? ['sampled', 'exact'] : ['sampled'];
  for (const mode of modes) {
    for (const env of BENCH_ENVIRONMENTS) {
      for (const af of algorithmFamilies()) {
        for (const ivf of interventionFamilies()) {
          const pairs = af.members.flatMap((a) => (ivf.members.length ? ivf.members : [undefined]).map((iv) => [a, iv] as const));
          const valid = pairs.flatMap(([a, iv]) => {
            const config = configFor(o, env, mode, a, iv);
            return config ? [{ config, algorithm: { family: af.id, id: a }, intervention: { family: ivf.id, ...(iv ? { id: iv } : {}) } }] : [];
          });
          const representative = valid.find((c) => gpuSupport(c.config).ok) ?? valid[0];
          if (o.members) cells.push(...valid);
          else if (representative) cells.push(representative);
        }
      }
    }
  }
  return cells;
}

/** Counts the actions sampled from step `from` on, by wrapping the CPU backend's environment sampler. */
function countTransitions(backend: CpuBackend, from: number): { count: number } {
  const counter = { count: 0 };
  const env = backend.env;
  const rollout = env.rollout.bind(env);
  env.rollout = (req) => {
    const batch = rollout(req);
    if (req.step >= from) counter.count += batch.row.length;
    return batch;
  };
  return counter;
}

function trajectoriesPerStep(config: ExperimentConfig): number {
  const { groups } = (envSpec(config.env.type) as EnvSpec).dims(config.env);
  const batch = config.algorithm.batchPrompts === 0 || config.algorithm.batchPrompts >= groups ? groups : config.algorithm.batchPrompts;
  return batch * config.algorithm.groupSize;
}

function timing(config: ExperimentConfig, t: TimedSteps, transitions: number | undefined): MatrixTiming {
  const sampled = config.algorithm.mode === 'sampled';
  return {
    seconds: t.seconds,
    runStepsPerSecond: (config.runs * t.steps) / t.seconds,
    ...(sampled ? { sampleStepsPerSecond: (config.runs * trajectoriesPerStep(config) * t.steps) / t.seconds } : {}),
    ...(sampled && transitions !== undefined ? { transitionsPerSecond: transitions / t.seconds } : {}),
  };
}

async function measureGpu(config: ExperimentConfig, cpu: MatrixTiming, cpuTimed: TimedSteps, transitions: number | undefined, host: GpuHost, adapter: AdapterReport | undefined): Promise<Pick<MatrixRow, 'gpu' | 'gpuRefused'>> {
  const r = await timeOnGpu(config, cpuTimed.steps, host, cpuTimed.records);
  if ('refused' in r) return { gpuRefused: r.refused };
  const g = timing(config, r.timed, transitions);
  return {
    gpu: {
      name: webgpuRowName(adapter),
      label: r.label,
      ...g,
      ratioToCpu: g.runStepsPerSecond / cpu.runStepsPerSecond,
      ...(r.timed.gpuBusyFraction !== undefined ? { gpuBusyFraction: r.timed.gpuBusyFraction } : {}),
      ...(r.timed.gpuBytes !== undefined ? { gpuBytesPerRun: r.timed.gpuBytes / config.runs } : {}),
      agreement: r.agreement!,
    },
  };
}

/** The family's members that the GPU accepts with this row's env and algorithm, and why it refuses the others. */
function familyCoverage(cell: Cell, o: MatrixOptions): MatrixRow['familyOnGpu'] {
  const family = interventionFamilies().find((f) => f.id === cell.intervention.family);
  if (!family || family.members.length === 0) return undefined;
  const accepted: string[] = [];
  const refused: Record<string, string> = {};
  for (const id of family.members) {
    const config = configFor(o, cell.config.env.type, cell.config.algorithm.mode, cell.algorithm.id, id);
    if (!config) continue;
    const support = gpuSupport(config);
    if (support.ok) accepted.push(id);
    else refused[id] = support.reason;
  }
  return { accepted, refused };
}

async function measureCell(cell: Cell, o: MatrixOptions, host: GpuHost, adapter: AdapterReport | undefined): Promise<MatrixRow> {
  const { config } = cell;
  const cpuBackend = new CpuBackend({ ...config, backend: 'cpu' });
  const counter = countTransitions(cpuBackend, 1);
  const timed = await timeSteps(cpuBackend, o.steps);
  const sampled = config.algorithm.mode === 'sampled';
  const transitions = sampled ? counter.count : undefined;
  const cpu = timing(config, timed, transitions);
  const ivSpec = cell.intervention.id ? (interventionSpec(cell.intervention.id) as InterventionSpec) : undefined;
  const notes = ivSpec ? inertIssues([ivSpec], config.algorithm.epochs).map((i) => i.message) : [];
  const multiStep = cpuBackend.env.maxLength > 1;
  return {
    env: config.env.type,
    mode: config.algorithm.mode,
    algorithm: cell.algorithm,
    intervention: cell.intervention,
    unit: !sampled ? 'run-steps/s' : multiStep ? 'transitions/s' : 'sample-steps/s',
    permalink: encodePermalink(config),
    cpu,
    ...(await measureGpu(config, cpu, timed, transitions, host, adapter)),
    ...(cell.intervention.id ? { familyOnGpu: familyCoverage(cell, o) } : {}),
    notes,
  };
}

/**
 * Runs the matrix on one device of `host.gpu` (its pipelines compile once); `onRow` sees each
 * row as it is measured (the CLI prints progress).
 */
export async function runMatrix(o: MatrixOptions, host: GpuHost & { machine: string }, onRow?: (row: MatrixRow, index: number, total: number) => void): Promise<MatrixReport> {
  const cells = matrixCells(o);
  const rows: MatrixRow[] = [];
  const adapter = await describeAdapter(host.gpu);
  const device = host.gpu ? await requestLabDevice(host.gpu) : undefined;
  try {
    for (const [i, cell] of cells.entries()) {
      rows.push(await measureCell(cell, o, { ...host, device }, adapter));
      onRow?.(rows[i], i, cells.length);
    }
  } finally {
    device?.destroy();
  }
  const notes = [
    `each row: ${o.runs} runs, 1 untimed step then ${o.steps} timed steps on each backend; cpu is the CPU backend on one thread (float64)`,
    'transitions are the actions sampled (a pull, a token, a move), counted on the CPU run; the GPU draws the same episodes (the same counter RNG)',
    'agreement: the differential fuzzer\u2019s judgement (agreement.ts compareRecords against agreementClaim) over every step of the row',
  ];
  return { options: o, machine: host.machine, ...(adapter ? { adapter } : {}), rows, notes };
}
