// The bench matrix (benchMatrix.ts) as the CLI prints it: one line per row with both backends'
// rates in the row's unit, the ratio, GPU-busy share, GPU memory per run and the agreement
// verdict, or the reason the GPU refused the config. Plain text, one string per line.
import { adapterLine, webgpuRowName } from './adapterKind';
import type { MatrixReport, MatrixRow, MatrixTiming } from './benchMatrix';
import { table } from './benchTable';

function rate(t: MatrixTiming, unit: MatrixRow['unit']): number | undefined {
  return unit === 'transitions/s' ? t.transitionsPerSecond : unit === 'sample-steps/s' ? t.sampleStepsPerSecond : t.runStepsPerSecond;
}

const exp = (v: number | undefined) => (v === undefined ? '—' : v.toExponential(2));

function named(id: string | undefined, family: string): string {
  return id === undefined ? family : id === family ? id : `${id} (${family})`;
}

export function matrixLines(report: MatrixReport): string[] {
  const gpuName = webgpuRowName(report.adapter);
  const rows = [
    ['env', 'mode', 'algorithm', 'intervention', 'unit', 'cpu', gpuName, 'vs cpu', 'GPU busy', 'KiB/run', 'family on GPU', 'agreement, or why not on the GPU'],
    ...report.rows.map((r) => {
      const g = r.gpu;
      const family = r.familyOnGpu ? `${r.familyOnGpu.accepted.length}/${r.familyOnGpu.accepted.length + Object.keys(r.familyOnGpu.refused).length}` : '';
      return [
        r.env,
        r.mode,
        named(r.algorithm.id, r.algorithm.family),
        named(r.intervention.id, r.intervention.family),
        r.unit,
        exp(rate(r.cpu, r.unit)),
        g ? exp(rate(g, r.unit)) : '—',
        g ? `${g.ratioToCpu.toFixed(2)}×` : '—',
        g?.gpuBusyFraction !== undefined ? `${(100 * g.gpuBusyFraction).toFixed(0)}%` : '—',
        g?.gpuBytesPerRun !== undefined ? (g.gpuBytesPerRun / 1024).toFixed(1) : '—',
        family,
        g ? g.agreement.verdict : `not on the GPU: ${r.gpuRefused}`,
      ];
    }),
  ];
  const lines = [`Machine: ${report.machine}`, adapterLine(report.adapter), ...table(rows, (c) => c < 5 || c >= 10)];
  // A note that several rows share is printed once, with the rows it concerns.
  const rowsByNote = new Map<string, string[]>();
  for (const r of report.rows) for (const n of r.notes) rowsByNote.set(n, [...(rowsByNote.get(n) ?? []), `${r.env} ${r.algorithm.id}`]);
  for (const [n, where] of rowsByNote) lines.push(`note: ${n} (rows: ${where.join(', ')})`);
  for (const n of report.notes) lines.push(`note: ${n}`);
  return lines;
}
