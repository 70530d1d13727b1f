// Test helper: a WebGPU device in Node (the CLI's nodeGpu: Dawn, on SwiftShader where no other
// Vulkan driver answers). One device per test file, destroyed after its tests.
import { nodeGpu } from '../../src/cli/nodeGpu';

export interface TestGpu {
  gpu: GPU;
  adapter: GPUAdapter;
  device: GPUDevice;
}

export async function testGpu(): Promise<TestGpu> {
  const { gpu, reason } = await nodeGpu();
  if (!gpu) throw new Error(`no WebGPU in Node: ${reason}`);
  const adapter = await gpu.requestAdapter();
  if (!adapter) throw new Error(`no WebGPU adapter in Node (VK_ICD_FILENAMES=${process.env.VK_ICD_FILENAMES ?? 'unset'}); install chromium and libvulkan1`);
  const device = await adapter.requestDevice();
  return { gpu, adapter, device };
}
