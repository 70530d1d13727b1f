// navigator.gpu's twin in Node: the `webgpu` npm package (Dawn). With no other Vulkan driver
// on the machine, Chromium's SwiftShader ICD serves as the adapter (set when unset and present).
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';

const SWIFTSHADER_ICD = '/usr/lib/chromium/vk_swiftshader_icd.json';

/** The GPU object, or undefined (with the reason) when Dawn cannot be loaded here. */
export async function nodeGpu(): Promise<{ gpu?: GPU; reason?: string }> {
  if (!process.env.VK_ICD_FILENAMES && existsSync(SWIFTSHADER_ICD)) process.env.VK_ICD_FILENAMES = SWIFTSHADER_ICD;
  // The Vulkan loader complains on stderr without a runtime dir; any private folder will do.
  process.env.XDG_RUNTIME_DIR ??= tmpdir();
  try {
    const { create, globals } = await import('webgpu');
    Object.assign(globalThis, globals);
    return { gpu: create([]) };
  } catch (e) {
    return { reason: `the webgpu package could not load (${(e as Error).message.split('\n')[0]})` };
  }
}
