// `npm run bench -- [--json] [--runs N] [--steps N] [--cpu-steps N] [--threads N] [--no-peer]`
// (design.md "Bench"): the shared bench (src/kernels-wgsl/bench.ts) on the CPU on one thread and
// across worker threads (os.availableParallelism() unless --threads), on WebGPU through Node's
// `webgpu` package, and the numpy peer (scripts/numpy_peer.py) when python3 has numpy:
// sample-steps per second side by side, each row's ratio to the others, GPU memory per run, and
// the largest difference between the backends' ensemble metrics over the steps both ran.
// `--matrix` and `--scale` (issue 17) print the matrix of env × algorithm × intervention families
// (benchMatrix.ts) and the scaling curve over runs (benchScale.ts) instead; options in USAGE.
import { existsSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { availableParallelism, cpus, platform, totalmem } from 'node:os';
import { DEFAULT_BENCH, runBench } from '../kernels-wgsl/bench';
import { DEFAULT_MATRIX, runMatrix } from '../kernels-wgsl/benchMatrix';
import { matrixLines } from '../kernels-wgsl/benchMatrixTable';
import { DEFAULT_SCALE, runScale } from '../kernels-wgsl/benchScale';
import { scaleLines } from '../kernels-wgsl/benchScaleTable';
import { benchLines } from '../kernels-wgsl/benchTable';
import { nodeGpu } from './nodeGpu';
import { nodeCpuThreads } from './nodeThreads';
import { runNumpyPeer } from './numpyPeer';
import { parseThreads } from './threadsOption';

const USAGE =
  'options: --json --out FILE --runs N --steps N --cpu-steps N --threads N --no-peer; --matrix [--runs N --steps N --members --exact]; --scale [--steps N --min-runs N --max-runs N --cpu-max-runs N --factor 2|4]';

const COUNTS = ['--runs', '--steps', '--cpu-steps', '--min-runs', '--max-runs', '--cpu-max-runs', '--factor'] as const;
type Count = (typeof COUNTS)[number];

interface Options {
  report: 'bench' | 'matrix' | 'scale';
  json: boolean;
  /** Also write the JSON report here (the text still goes to stdout). */
  out?: string;
  threads: number;
  peer: boolean;
  members: boolean;
  exact: boolean;
  counts: Partial<Record<Count, number>>;
}

/** The options that only one report reads, by report: given to another, they are an error. */
const ONLY_FOR: Record<string, Options['report']> = { '--cpu-steps': 'bench', '--threads': 'bench', '--no-peer': 'bench', '--members': 'matrix', '--exact': 'matrix', '--min-runs': 'scale', '--max-runs': 'scale', '--cpu-max-runs': 'scale', '--factor': 'scale' };

function parseOptions(argv: string[]): Options {
  const o: Options = { report: 'bench', json: false, threads: availableParallelism(), peer: true, members: false, exact: false, counts: {} };
  const given: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    given.push(a);
    if (a === '--json') o.json = true;
    else if (a === '--out') {
      o.out = argv[++i];
      if (!o.out || o.out.startsWith('--')) throw new Error('--out needs a file name');
      // Checked before the run, which takes minutes; the file is written whole after it.
      if (!existsSync(dirname(resolve(o.out)))) throw new Error(`--out ${o.out}: no folder ${dirname(resolve(o.out))}`);
    }
    else if (a === '--matrix' || a === '--scale') {
      if (o.report !== 'bench') throw new Error('give --matrix or --scale, not both');
      o.report = a === '--matrix' ? 'matrix' : 'scale';
    } else if (a === '--no-peer') o.peer = false;
    else if (a === '--members') o.members = true;
    else if (a === '--exact') o.exact = true;
    else if (a === '--threads') o.threads = parseThreads(argv[++i]);
    else if ((COUNTS as readonly string[]).includes(a)) {
      const n = Number(argv[++i]);
      if (!Number.isInteger(n) || n < 1) throw new Error(`${a} needs a whole number ≥ 1`);
      o.counts[a as Count] = n;
    } else throw new Error(`unknown option ${a} (${USAGE})`);
  }
  const misplaced = given.find((a) => ONLY_FOR[a] && ONLY_FOR[a] !== o.report);
  if (misplaced) throw new Error(`${misplaced} is an option of ${ONLY_FOR[misplaced] === 'bench' ? 'the plain bench' : `--${ONLY_FOR[misplaced]}`}`);
  if (o.counts['--factor'] !== undefined && o.counts['--factor'] !== 2 && o.counts['--factor'] !== 4) throw new Error('--factor needs 2 or 4');
  return o;
}

/** Cores, CPU model, memory and runtime, for the table's header. */
function machine(): string {
  const model = cpus()[0]?.model.trim() ?? 'unknown CPU';
  return `${availableParallelism()} logical cores (${model}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB, ${platform()}, Node ${process.version}`;
}

/** Writes `text` to `file` whole or not at all (a temporary file renamed into place). */
function writeWhole(file: string, text: string): void {
  const partial = `${file}.${process.pid}.partial`;
  try {
    writeFileSync(partial, text);
    renameSync(partial, file);
  } catch (e) {
    rmSync(partial, { force: true });
    throw new Error(`--out ${file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`, { cause: e });
  }
}

/** Progress on stderr, so that stdout stays the report. */
function progress(line: string): void {
  process.stderr.write(`${line}\n`);
}

async function report(o: Options): Promise<{ json: unknown; lines: string[] }> {
  const c = o.counts;
  const gpu = await nodeGpu();
  if (o.report === 'matrix') {
    const m = await runMatrix({ ...DEFAULT_MATRIX, runs: c['--runs'] ?? DEFAULT_MATRIX.runs, steps: c['--steps'] ?? DEFAULT_MATRIX.steps, members: o.members, exact: o.exact }, { ...gpu, machine: machine() }, (row, i, n) =>
      progress(`matrix ${i + 1}/${n}: ${row.env} ${row.mode} ${row.algorithm.id} ${row.intervention.id ?? 'none'}${row.gpu ? '' : ' (cpu only)'}`),
    );
    return { json: { matrix: m }, lines: matrixLines(m) };
  }
  if (o.report === 'scale') {
    const s = await runScale(
      { steps: c['--steps'] ?? DEFAULT_SCALE.steps, minRuns: c['--min-runs'] ?? DEFAULT_SCALE.minRuns, maxRuns: c['--max-runs'] ?? DEFAULT_SCALE.maxRuns, cpuMaxRuns: c['--cpu-max-runs'] ?? DEFAULT_SCALE.cpuMaxRuns, factor: c['--factor'] ?? DEFAULT_SCALE.factor },
      { ...gpu, machine: machine() },
      (point) => progress(`scale: ${point.runs} runs done`),
    );
    return { json: { scale: s }, lines: scaleLines(s) };
  }
  const b = await runBench(
    { runs: c['--runs'] ?? DEFAULT_BENCH.runs, steps: c['--steps'] ?? DEFAULT_BENCH.steps, ...(c['--cpu-steps'] !== undefined ? { cpuSteps: c['--cpu-steps'] } : {}) },
    { ...gpu, machine: machine(), cpuThreads: await nodeCpuThreads(o.threads), ...(o.peer ? { peer: runNumpyPeer } : { peerReason: '--no-peer' }) },
  );
  return { json: b, lines: benchLines(b) };
}

async function main(): Promise<void> {
  const o = parseOptions(process.argv.slice(2));
  const r = await report(o);
  if (o.out) writeWhole(o.out, JSON.stringify(r.json, null, 2) + '\n');
  if (o.json) process.stdout.write(JSON.stringify(r.json, null, 2) + '\n');
  else for (const line of r.lines) console.log(line);
}

try {
  await main();
} catch (e) {
  process.stderr.write(`entropy-lab bench: ${(e as Error).message}\n`);
  process.exitCode = 2;
}
