// The bench's adapter description (issue 17): a CPU adapter is never called a GPU. The infos are
// the ones Dawn and Chrome report for SwiftShader, lavapipe and WARP, and the real adapter of this
// machine (SwiftShader) is recognised through the `webgpu` package.
import { describe, expect, it } from 'vitest';
import { adapterLine, describeAdapter, describeAdapterInfo, webgpuRowName } from '../../src/kernels-wgsl/adapterKind';
import { testGpu } from './gpu';

describe('adapterKind', () => {
  it('names software renderers from adapter.info, and a fallback adapter whatever its name', () => {
    const cases = [
      [{ vendor: 'google', architecture: 'swiftshader', device: 'swiftshader-device-subzero-', description: 'SwiftShader driver 5.0.0' }, 'SwiftShader'],
      [{ vendor: 'google', architecture: 'swiftshader', device: '', description: '' }, 'SwiftShader'],
      [{ vendor: 'mesa', architecture: '', device: '', description: 'llvmpipe (LLVM 15.0.6, 256 bits)' }, 'llvmpipe'],
      [{ vendor: 'microsoft', architecture: '', device: '', description: 'Microsoft Basic Render Driver' }, 'WARP'],
      [{ vendor: 'acme', architecture: '', device: '', description: 'Acme CPU rasteriser' }, 'a CPU renderer'],
      [{ vendor: 'acme', architecture: '', device: '', description: 'Acme 9000', isFallbackAdapter: true }, 'a fallback adapter'],
      [{ vendor: 'nvidia', architecture: 'hopper', device: '', description: 'NVIDIA H200', isFallbackAdapter: false }, undefined],
    ] as const;
    for (const [info, cpu] of cases) {
      const report = describeAdapterInfo(info);
      expect(report.cpuAdapter, info.description).toBe(cpu);
      expect(webgpuRowName(report)).toBe(cpu ? `webgpu (CPU adapter: ${cpu})` : 'webgpu');
      expect(adapterLine(report)).toMatch(cpu ? /a CPU adapter .*: its webgpu rows are CPU figures, not GPU figures$/ : /— a GPU adapter$/);
    }
    // The older adapter.isFallbackAdapter counts where adapter.info lacks the flag.
    expect(describeAdapterInfo({ vendor: 'x', description: 'Y' }, true).cpuAdapter).toBe('a fallback adapter');
    expect(describeAdapterInfo({ vendor: 'nvidia', architecture: 'hopper' }).name).toBe('nvidia hopper');
    expect(adapterLine(undefined)).toBe('Adapter: none (no WebGPU adapter here)');
  });

  it("recognises this machine's adapter (Dawn on SwiftShader) as a CPU adapter", async () => {
    const { gpu } = await testGpu();
    const report = (await describeAdapter(gpu))!;
    expect(report).toMatchObject({ vendor: 'google', architecture: 'swiftshader', isFallbackAdapter: true, cpuAdapter: 'SwiftShader' });
    expect(await describeAdapter(undefined)).toBeUndefined();
  });
});
