// The one place the worker builds a backend: neural policies go to tfjs, tables to the CPU
// core. (The WebGPU engine plugs in here.)
import type { ExperimentConfig } from '../../sim/config';
import { CpuBackend } from '../../sim/cpuBackend';
import { isNeuralPolicy } from '../../sim/neural';
import type { Backend } from '../../sim/types';
import type { BackendInfo } from './protocol';

export async function createBackend(config: ExperimentConfig): Promise<{ backend: Backend; info: BackendInfo }> {
  if (isNeuralPolicy(config.policy)) {
    const { TfjsBackend } = await import('../../sim/neural/tfjsBackend');
    const backend = await TfjsBackend.create(config);
    return { backend, info: { name: backend.name, label: backend.label, reason: 'neural policies train with tfjs' } };
  }
  const backend = new CpuBackend(config);
  const reason = config.backend === 'cpu' ? 'chosen in the config' : 'the tabular engine runs on the CPU in float64 (exact reference)';
  return { backend, info: { name: backend.name, label: backend.label, reason } };
}
