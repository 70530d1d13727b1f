// Which tfjs backend runs the networks: WebGPU when tfjs registered it (a page or a Node
// process with navigator.gpu set before this module loaded) and it starts, else the CPU
// backend. The WASM backend is not installed. The choice and its reason form the badge label.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';

export type TfDevice = 'webgpu' | 'cpu';
export type TfDevicePreference = TfDevice | 'auto';

export interface TfDeviceChoice {
  device: TfDevice;
  /** For the backend badge, e.g. "tfjs · WebGPU (nvidia ampere)". */
  label: string;
}

const NO_WASM = 'the WASM backend is not installed';

async function tryWebGpu(): Promise<{ ok: true; label: string } | { ok: false; reason: string }> {
  if (!tf.findBackendFactory('webgpu')) return { ok: false, reason: 'this runtime has no WebGPU (navigator.gpu)' };
  // setBackend logs and returns false when the adapter or device request fails.
  if (!(await tf.setBackend('webgpu'))) return { ok: false, reason: 'no WebGPU adapter or device could be opened' };
  const info = (tf.backend() as unknown as { adapterInfo?: { vendor?: string; architecture?: string } }).adapterInfo;
  const name = [info?.vendor, info?.architecture].filter((s) => s).join(' ');
  return { ok: true, label: `tfjs · WebGPU${name ? ` (${name})` : ''}` };
}

/** Select and activate a tfjs backend. A forced 'webgpu' that cannot start throws, with the reason. */
export async function selectTfDevice(preference: TfDevicePreference = 'auto'): Promise<TfDeviceChoice> {
  let why = '';
  if (preference !== 'cpu') {
    const gpu = await tryWebGpu();
    if (gpu.ok) return { device: 'webgpu', label: gpu.label };
    if (preference === 'webgpu') throw new Error(`tfjs WebGPU backend unavailable: ${gpu.reason}`);
    why = `WebGPU unavailable: ${gpu.reason}; `;
  }
  await tf.setBackend('cpu');
  return { device: 'cpu', label: `tfjs · CPU (float32; ${why}${preference === 'cpu' ? 'CPU chosen; ' : ''}${NO_WASM})` };
}

/** tfjs has one active backend per process: make ours active again if another instance switched it. */
export async function activateTfDevice(device: TfDevice): Promise<void> {
  if (tf.getBackend() !== device && !(await tf.setBackend(device))) throw new Error(`tfjs backend ${device} could not be re-activated`);
}
