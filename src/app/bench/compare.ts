// bench.html?compare=<permalink>: one config on the CPU and on this browser's WebGPU, judged as
// the differential fuzzer judges it (src/kernels-wgsl/differential.ts), so the fuzzer also runs
// where users are: Chrome's WebGPU, with Dawn's robustness on. The result goes to #bench-json.
import { runDifferential, describeDifferential, type DifferentialResult } from '../../kernels-wgsl/differential';
import { decodePermalink } from '../../sim/permalink';

export interface CompareReport {
  permalink: string;
  ignored: string[];
  result: DifferentialResult;
  line: string;
}

export async function compareInBrowser(permalink: string, gpu: GPU | undefined): Promise<CompareReport> {
  const { config, ignored } = decodePermalink(permalink);
  const adapter = await gpu?.requestAdapter();
  if (!adapter) throw new Error('this browser offers no WebGPU adapter');
  const device = await adapter.requestDevice({ label: 'bench.compare device' });
  try {
    const result = await runDifferential(config, device);
    return { permalink, ignored, result, line: describeDifferential(result) };
  } finally {
    device.destroy();
  }
}
