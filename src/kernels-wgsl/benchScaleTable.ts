// The scaling curve (benchScale.ts) as the CLI prints it: one line per run count with the GPU's
// and the CPU's sample-steps per second, their ratio (~ where the CPU rate is extrapolated), the
// GPU-busy share, GPU memory per run and the agreement verdict. Plain text, one string per line.
import { adapterLine, webgpuRowName } from './adapterKind';
import type { ScaleReport } from './benchScale';
import { table } from './benchTable';

export function scaleLines(report: ScaleReport): string[] {
  const w = report.workload;
  const rows = [
    ['runs', `${webgpuRowName(report.adapter)} sample-steps/s`, 'cpu sample-steps/s', 'vs cpu', 'GPU busy', 'KiB/run', 'agreement, or why not'],
    ...report.points.map((p) => {
      const g = p.gpu;
      const ratio = g?.ratioToCpu === undefined ? '—' : `${g.extrapolatedFrom ? '~' : ''}${g.ratioToCpu.toFixed(2)}×`;
      return [
        String(p.runs),
        g ? g.sampleStepsPerSecond.toExponential(2) : '—',
        p.cpu.measured ? p.cpu.sampleStepsPerSecond.toExponential(2) : `not run (${p.cpu.reason})`,
        ratio,
        g?.gpuBusyFraction !== undefined ? `${(100 * g.gpuBusyFraction).toFixed(0)}%` : '—',
        g?.gpuBytesPerRun !== undefined ? (g.gpuBytesPerRun / 1024).toFixed(1) : '—',
        g ? (g.agreement?.verdict ?? 'not compared (no CPU run)') : `not on the GPU: ${p.gpuRefused}`,
      ];
    }),
  ];
  return [
    `Workload: token task, R runs × ${w.prompts} prompts × ${w.groupSize} samples, vocabulary ${w.vocab}, length ${w.length}, GRPO; ${report.options.steps} timed steps per point`,
    `Machine: ${report.machine}`,
    adapterLine(report.adapter),
    ...table(rows, (c) => c === 6),
    ...report.notes.map((n) => `note: ${n}`),
  ];
}
