// navigator.gpu's twin in Node: the `webgpu` npm package (Dawn). With no other Vulkan driver
// on the machine, Chromium's SwiftShader ICD serves as the adapter (set when unset and present).
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** Milliseconds the JS thread sleeps between two looks at a pending GPU promise. */
const GPU_POLL_MS = 2;

/**
 * Waits for a GPU promise (a readback's mapAsync). While one is pending, Dawn's Node binding
 * polls its events on every event-loop turn (setImmediate; crbug.com/dawn/1127), which keeps
 * a core busy — on a CPU adapter, a core SwiftShader needs. Sleeping GPU_POLL_MS between turns
 * lets it poll a few hundred times a second instead.
 */
export async function waitForGpu<T>(pending: Promise<T>): Promise<T> {
  let settled = false;
  const settle = () => {
    settled = true;
  };
  pending.then(settle, settle);
  const cell = new Int32Array(new SharedArrayBuffer(4));
  while (!settled) {
    Atomics.wait(cell, 0, 0, GPU_POLL_MS);
    await new Promise((resolve) => setImmediate(resolve));
  }
  return pending;
}

export interface NodeGpu {
  gpu?: GPU;
  /** Why there is no `gpu`. */
  reason?: string;
  waitForGpu: typeof waitForGpu;
  /** How this GPU runs shaders, for reports (the bench's notes). */
  setup: string;
}

/**
 * Dawn's robustness (every shader index clamped to its buffer, plus Vulkan's
 * robustBufferAccess) guards a browser against untrusted shaders. Node runs only this
 * project's kernels, which index inside the buffers plan.ts sizes, so it is off here: on
 * SwiftShader it took ~40% of the kernel time. Chrome always keeps it on.
 * test/kernels/robustness.test.ts checks that both give the same bits.
 */
const UNCHECKED = 'enable-dawn-features=disable_robustness';

/**
 * One Dawn instance per setting for the life of the process, as navigator.gpu is one per
 * page: a collected instance takes its devices down with it (SwiftShader aborted).
 */
const instances = new Map<boolean, GPU>();

/**
 * The GPU object, or undefined (with the reason) when Dawn cannot be loaded here.
 * `robust` keeps Dawn's robustness on, as in a browser.
 */
export async function nodeGpu({ robust = false }: { robust?: boolean } = {}): Promise<NodeGpu> {
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  const setup = robust ? "Dawn in Node, with Dawn's robustness (as in Chrome)" : "Dawn in Node, without Dawn's robustness (Chrome keeps it on: bench.html measures that)";
  // The Vulkan loader complains on stderr without a runtime dir; any private folder will do.
  process.env.XDG_RUNTIME_DIR ??= tmpdir();
  try {
    const { create, globals } = await import('webgpu');
    Object.assign(globalThis, globals);
    if (!instances.has(robust)) instances.set(robust, create(robust ? [] : [UNCHECKED]));
    return { gpu: instances.get(robust), waitForGpu, setup };
  } catch (e) {
    return { reason: `the webgpu package could not load (${(e as Error).message.split('\n')[0]})`, waitForGpu, setup };
  }
}
