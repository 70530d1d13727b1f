// The bench report (bench.ts) as the CLI prints it and bench.html shows it: the workload and
// machine, one row per backend side by side with its ratio to every other row, the agreement
// checks and the notes. Plain text, one string per line.
import { maxOf } from '../sim/arrays';
import { adapterLine, webgpuRowName } from './adapterKind';
import type { BenchReport } from './bench';

/** Columns padded to their widest cell; text columns (`left`) aligned left, figures right. */
export function table(rows: string[][], left: (column: number) => boolean = (c) => c < 2): string[] {
  const widths = rows[0].map((_, c) => maxOf(rows.map((r) => r[c].length)));
  return rows.map((r) => r.map((cell, c) => (left(c) ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ').trimEnd());
}

export function benchLines(report: BenchReport): string[] {
  const w = report.workload;
  const ids = report.backends.map((b) => b.id);
  const rows = [
    ['backend', 'runs on', 'steps', 'seconds', 'sample-steps/s', ...ids.map((id) => `vs ${id}`)],
    ...report.backends.map((b) => [b.backend === 'webgpu' ? webgpuRowName(report.adapter) : b.id, b.label, String(b.steps), b.seconds.toFixed(2), b.sampleStepsPerSecond.toExponential(2), ...ids.map((id) => `${b.ratioTo[id].toFixed(2)}×`)]),
  ];
  const lines = [`Workload: token task, ${w.runs} runs × ${w.prompts} prompts × ${w.groupSize} samples, vocabulary ${w.vocab}, length ${w.length}, GRPO`, `Machine: ${report.machine}`, adapterLine(report.adapter), ...table(rows)];
  for (const b of report.backends) {
    const extras = [b.gpuBytesPerRun !== undefined ? `GPU memory ${(b.gpuBytesPerRun / 1024).toFixed(1)} KiB/run` : '', b.gpuBusyFraction !== undefined ? `GPU busy ${(100 * b.gpuBusyFraction).toFixed(0)}%` : ''].filter(Boolean);
    if (extras.length) lines.push(`${b.id}: ${extras.join(', ')}`);
  }
  for (const a of report.agreement) {
    const same = a.identicalRecords === undefined ? '' : a.identicalRecords ? ', records identical bit for bit' : ', RECORDS DIFFER';
    lines.push(`agreement ${a.backend} vs cpu over ${a.comparedSteps} steps, max |Δ ensemble mean|: ${Object.entries(a.maxEnsembleDifference).map(([k, v]) => `${k} ${v.toExponential(1)}`).join(', ')}${same}`);
  }
  for (const n of report.notes) lines.push(`note: ${n}`);
  return lines;
}
