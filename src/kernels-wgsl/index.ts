// Backend choice for tabular configs (design.md "Backends"): `auto` runs on WebGPU when a GPU
// adapter is there and the kernels cover the config, else on the CPU; every choice comes with
// the reason the UI shows next to its badge.
import type { ExperimentConfig } from '../sim/config';
import { CpuBackend } from '../sim/cpuBackend';
import type { Backend } from '../sim/types';
import { agreementClaim } from './agreement';
import { gpuSupport } from './train/support';
import { WebGpuBackend, type GpuWaiter } from './webgpuBackend';

export interface BackendInfo {
  name: string;
  label: string;
  reason: string;
}

export interface ChosenBackend {
  backend: Backend;
  info: BackendInfo;
}

export { gpuSupport, WebGpuBackend };

function onCpu(config: ExperimentConfig, reason: string): ChosenBackend {
  const backend = new CpuBackend(config);
  return { backend, info: { name: backend.name, label: backend.label, reason } };
}

/** A readable adapter name ("SwiftShader Device (Subzero)", "NVIDIA H100 …"), best effort. */
function adapterName(adapter: GPUAdapter): string {
  const info = (adapter as { info?: GPUAdapterInfo }).info;
  const described = info?.description?.trim();
  return described || [info?.vendor, info?.architecture].filter((s) => s && s.trim()).join(' ') || 'GPU';
}

/** Where WebGPU comes from: navigator.gpu, or Node's `webgpu` package with its waiter (cli/nodeGpu.ts). */
export interface GpuHost {
  gpu?: GPU | null;
  waitForGpu?: GpuWaiter;
}

/**
 * The backend for a tabular config. `gpu` is navigator.gpu (or the Node `webgpu` package's
 * GPU object), absent where there is none. Never throws for a missing or failing GPU: it falls
 * back to the CPU and says why.
 */
export async function createBackend(config: ExperimentConfig, { gpu, waitForGpu }: GpuHost): Promise<ChosenBackend> {
  if (config.backend === 'cpu') return onCpu(config, 'chosen in the config');
  const support = gpuSupport(config);
  if (!support.ok) return onCpu(config, support.reason);
  if (!gpu) return onCpu(config, 'no WebGPU here (navigator.gpu is missing: it needs a recent browser and a secure page, https or localhost)');
  try {
    const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return onCpu(config, 'WebGPU is there but offered no GPU adapter');
    // Timestamp queries time the training passes (the bench's GPU-busy fraction).
    const requiredFeatures: GPUFeatureName[] = adapter.features.has('timestamp-query') ? ['timestamp-query'] : [];
    const device = await adapter.requestDevice({ label: 'Entropy Lab device', requiredFeatures });
    const name = adapterName(adapter);
    const backend = await WebGpuBackend.create(config, device, { adapterName: name, ownsDevice: true, waitForGpu });
    return { backend, info: { name: backend.name, label: backend.label, reason: `${config.runs} runs in parallel on the GPU (${agreementClaim(config).text})` } };
  } catch (e) {
    return onCpu(config, `WebGPU failed to start (${(e as Error).message})`);
  }
}
