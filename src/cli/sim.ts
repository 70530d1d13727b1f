// `npm run sim -- <config.json | preset | permalink> [--out FILE] [--format jsonl|csv] [--records] [--emit verl|trl] [--threads N]`
// (design.md CLI contract): JSONL step records then one summary line, or CSV rows; a config with
// a "sweep" prints one cell line per cell (step lines too with --records); with --emit, the verl
// or TRL config for the same experiment instead of a run. Bad input exits 2 with one line on
// stderr naming the field; no stack trace, no partial output file. The CPU splits the runs over
// worker threads (all cores unless --threads), with the same bytes out.
import { closeSync, existsSync, openSync, readFileSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { parseConfig, formatIssues, type ExperimentConfig } from '../sim/config';
import { createCpuBackend } from '../sim/cpuPool';
import { isNeuralPolicy } from '../sim/neural';
import { decodePermalink, looksLikePermalink } from '../sim/permalink';
import { PRESETS, presetById } from '../sim/presets';
import { SWEEP_PRESETS, sweepPresetById } from '../sim/sweepPresets';
import { runToEnd } from '../sim/runner';
import { parseSweep, type Sweep } from '../sim/sweep';
import { runSweep } from './sweepRun';
import { formatCsvHeader, formatCsvRow, formatJsonlStep } from '../sim/recordFormat';
import { trlConfigYaml } from '../sim/io/trlConfig';
import { verlConfigYaml } from '../sim/io/verlConfig';
import type { Backend } from '../sim/types';
import { createBackend, createBatchBackend } from '../kernels-wgsl';
import { nodeGpu } from './nodeGpu';
import { nodeCpuThreads } from './nodeThreads';
import { parseThreads } from './threadsOption';
import { runCli, UsageError } from './usage';

const PRESET_IDS = [...PRESETS, ...SWEEP_PRESETS].map((p) => p.id).join(', ');

interface Args {
  input: string;
  out?: string;
  format: 'jsonl' | 'csv';
  emit?: 'verl' | 'trl';
  threads: number;
  /** Sweeps: also print every step line, with its cell. */
  records: boolean;
}

const EMITTERS = { verl: verlConfigYaml, trl: trlConfigYaml };
const OPTIONS = '--out FILE, --format jsonl|csv, --records, --emit verl|trl, --threads N';

function parseArgs(argv: string[]): Args {
  let input: string | undefined;
  let out: string | undefined;
  let format: Args['format'] | undefined;
  let emit: Args['emit'];
  let threads = availableParallelism();
  let records = false;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--out' || a === '-o') {
      out = argv[++i];
      if (!out) throw new UsageError('--out: expected a file name');
    } else if (a === '--format') {
      const f = argv[++i];
      if (f !== 'jsonl' && f !== 'csv') throw new UsageError(`--format: expected jsonl or csv, got ${f ?? 'nothing'}`);
      format = f;
    } else if (a === '--records') {
      records = true;
    } else if (a === '--emit') {
      const e = argv[++i];
      if (e !== 'verl' && e !== 'trl') throw new UsageError(`--emit: expected verl or trl, got ${e ?? 'nothing'}`);
      emit = e;
    } else if (a === '--threads') {
      threads = parseThreads(argv[++i]);
    } else if (a.startsWith('--')) {
      throw new UsageError(`unknown option ${a} (options: ${OPTIONS})`);
    } else if (input === undefined) {
      input = a;
    } else {
      throw new UsageError(`unexpected argument ${a}: give one config file, preset name or permalink`);
    }
  }
  if (input === undefined) throw new UsageError(`usage: npm run sim -- <config.json | preset | permalink> [${OPTIONS.split(', ').join('] [')}]; presets: ${PRESET_IDS}`);
  if (emit && format) throw new UsageError('--emit prints a config instead of running, so --format does not apply');
  return { input, out, format: format ?? 'jsonl', emit, threads, records };
}

/** Resolve the input to raw config JSON: a file, then a preset name. */
function loadRaw(input: string): unknown {
  if (existsSync(input)) {
    let text: string;
    try {
      text = readFileSync(input, 'utf8');
    } catch (e) {
      throw new UsageError(`${input}: cannot read the file (${(e as Error).message})`);
    }
    try {
      return JSON.parse(text);
    } catch (e) {
      throw new UsageError(`${input}: invalid JSON (${(e as Error).message})`);
    }
  }
  const preset = presetById(input) ?? sweepPresetById(input);
  if (preset) return preset.config;
  throw new UsageError(`${input}: no such file, preset or permalink (presets: ${PRESET_IDS})`);
}

/**
 * A file, a preset name, or a permalink (URL or hash). A permalink's bad fields fall back to
 * their defaults exactly as in the browser, so both give the same numbers; each is noted on stderr.
 * A config with a "sweep" field is a sweep.
 */
function loadInput(input: string): { config: ExperimentConfig } | { sweep: Sweep } {
  if (!existsSync(input) && !presetById(input) && !sweepPresetById(input) && looksLikePermalink(input)) {
    const { config, ignored } = decodePermalink(input);
    for (const note of ignored) process.stderr.write(`entropy-lab sim: permalink: ignored ${note}\n`);
    return { config };
  }
  const raw = loadRaw(input);
  if (typeof raw === 'object' && raw !== null && 'sweep' in raw) {
    const parsed = parseSweep(raw);
    if (!parsed.ok) throw new UsageError(`invalid sweep: ${formatIssues(parsed.issues)}`);
    return { sweep: parsed.sweep };
  }
  const parsed = parseConfig(raw);
  if (!parsed.ok) throw new UsageError(`invalid config: ${formatIssues(parsed.issues)}`);
  return { config: parsed.config };
}

/** The backend of one experiment: tfjs for neural policies (loaded only then: it is large), else tabularBackend. */
async function experimentBackend(config: ExperimentConfig, threads: number): Promise<Backend> {
  return isNeuralPolicy(config.policy) ? (await import('../sim/neural/tfjsBackend')).TfjsBackend.create(config) : tabularBackend(config, threads);
}

/**
 * The CPU in float64 (the reference) on `threads` worker threads, unless the config asks for
 * "webgpu": then Dawn in Node, falling back to the CPU with a one-line note. `auto` stays on the
 * CPU here: Node has no navigator.gpu, and the CLI is where the bit-for-bit reference numbers
 * come from.
 */
async function tabularBackend(config: ExperimentConfig, threads: number): Promise<Backend> {
  const cpuThreads = threads > 1 && config.runs > 1 ? await nodeCpuThreads(threads) : undefined;
  if (config.backend !== 'webgpu') return createCpuBackend(config, cpuThreads);
  const host = await nodeGpu();
  const { backend, info } = await createBackend(config, { ...host, cpuThreads });
  if (backend.name !== 'webgpu') process.stderr.write(`entropy-lab sim: webgpu unavailable (${host.reason ?? info.reason}); running on the CPU\n`);
  return backend;
}

/**
 * Where the lines go: stdout, awaiting 'drain' so a slow reader never makes the process buffer
 * the run; or a temporary file beside --out, renamed at the end so a failure never leaves a
 * partial file. Either way nothing grows with steps.
 */
function openOutput(out: string | undefined): { write(text: string): Promise<void>; close(): void; abort(): void } {
  if (!out) {
    return {
      write: (text) => (process.stdout.write(text) ? Promise.resolve() : new Promise((resolve) => process.stdout.once('drain', resolve))),
      close: () => undefined,
      abort: () => undefined,
    };
  }
  // A device or pipe (/dev/stdout, a FIFO) is written in place: there is no partial file to avoid.
  const inPlace = existsSync(out) && !statSync(out).isFile();
  const tmp = inPlace ? out : join(dirname(out), `.${basename(out)}.${process.pid}.tmp`);
  let fd: number;
  try {
    fd = openSync(tmp, 'w');
  } catch (e) {
    throw new UsageError(`--out ${out}: cannot write (${(e as Error).message})`);
  }
  return {
    write: async (text) => void writeSync(fd, text),
    close: () => {
      closeSync(fd);
      if (!inPlace) renameSync(tmp, out);
    },
    abort: () => {
      closeSync(fd);
      if (!inPlace) rmSync(tmp, { force: true });
    },
  };
}

async function main(): Promise<void> {
  const args = parseArgs(process.argv.slice(2));
  const input = loadInput(args.input);
  if ('sweep' in input && (args.format === 'csv' || args.emit)) throw new UsageError(`${args.emit ? '--emit' : '--format csv'}: a sweep prints JSON lines, one per cell`);
  if ('config' in input && args.records) throw new UsageError('--records: only for sweeps (a single experiment prints every step already)');
  // Refuse an unwritable --out before spending the run on it.
  if (args.out && !existsSync(dirname(resolve(args.out)))) throw new UsageError(`--out ${args.out}: no such folder ${dirname(resolve(args.out))}`);
  if ('sweep' in input) {
    const output = openOutput(args.out);
    try {
      // With "webgpu", cells that differ only in lr or the init scale train as one GPU ensemble.
      const batch = input.sweep.base.backend === 'webgpu' ? async (cells: readonly ExperimentConfig[]) => createBatchBackend(cells, await nodeGpu()) : undefined;
      await runSweep(input.sweep, (config) => experimentBackend(config, args.threads), output.write, { records: args.records }, batch);
      output.close();
    } catch (e) {
      output.abort();
      throw e;
    }
    return;
  }
  const config = input.config;
  if (args.emit) {
    const output = openOutput(args.out);
    await output.write(EMITTERS[args.emit](config));
    output.close();
    return;
  }
  const backend = await experimentBackend(config, args.threads);
  const output = openOutput(args.out);
  let header: string[] | undefined;
  try {
    const { summary } = await runToEnd(config, backend, {
      stepsPerTick: 50,
      keepRecords: false,
      onTick: ({ records }) => {
        let text = '';
        for (const r of records) {
          if (args.format === 'jsonl') text += formatJsonlStep(r) + '\n';
          else {
            if (!header) {
              header = Object.keys(r);
              text += formatCsvHeader(header) + '\n';
            }
            text += formatCsvRow(r, header) + '\n';
          }
        }
        return text ? output.write(text) : undefined;
      },
    });
    if (args.format === 'jsonl') await output.write(JSON.stringify(summary) + '\n');
    output.close();
  } catch (e) {
    output.abort();
    throw e;
  } finally {
    backend.dispose();
  }
}

// `npm run sim -- … | head`: the reader is gone, which is no error of ours; stop quietly.
process.stdout.on('error', (e: NodeJS.ErrnoException) => {
  if (e.code === 'EPIPE') process.exit(0);
  throw e;
});

await runCli('sim', main);
