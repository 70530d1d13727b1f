// What the WebGPU adapter is, for the bench (issue 17): its name from adapter.info, and whether it
// runs shaders on the CPU (SwiftShader, llvmpipe/lavapipe, WARP, or any adapter that says it is a
// fallback), so that no figure measured on a CPU adapter is ever labelled a GPU figure. Without a
// Vulkan driver for the GPU, Dawn serves a CPU adapter without complaint.

export interface AdapterReport {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** adapter.info.isFallbackAdapter (or the older adapter.isFallbackAdapter), where the browser has it. */
  isFallbackAdapter?: boolean;
  /** The software renderer that runs this adapter's shaders on the CPU, or undefined for a GPU. */
  cpuAdapter?: string;
  /** The readable name, as the backend badge shows it. */
  name: string;
}

/** Software renderers by the words their adapter info uses. */
const SOFTWARE_RENDERERS: readonly [string, RegExp][] = [
  ['SwiftShader', /swiftshader|subzero/i],
  ['llvmpipe', /llvmpipe/i],
  ['lavapipe', /lavapipe/i],
  ['softpipe', /softpipe/i],
  ['WARP', /microsoft basic render|\bwarp\b/i],
];

type InfoLike = Partial<Pick<GPUAdapterInfo, 'vendor' | 'architecture' | 'device' | 'description'>> & { isFallbackAdapter?: boolean };

/** A readable adapter name ("SwiftShader driver 5.0.0", "NVIDIA H200 …"), best effort. */
export function adapterNameOf(info: InfoLike | undefined): string {
  const described = info?.description?.trim();
  return described || [info?.vendor, info?.architecture].filter((s) => s && s.trim()).join(' ') || 'GPU';
}

/** The adapter's description, and which CPU renderer it is if it is one. */
export function describeAdapterInfo(info: InfoLike | undefined, legacyFallback?: boolean): AdapterReport {
  const fields = { vendor: info?.vendor ?? '', architecture: info?.architecture ?? '', device: info?.device ?? '', description: info?.description ?? '' };
  const isFallbackAdapter = info?.isFallbackAdapter ?? legacyFallback;
  const text = Object.values(fields).join(' ');
  const software = SOFTWARE_RENDERERS.find(([, pattern]) => pattern.test(text))?.[0];
  const cpuAdapter = software ?? (/\bcpu\b/i.test(text) ? 'a CPU renderer' : isFallbackAdapter ? 'a fallback adapter' : undefined);
  return { ...fields, ...(isFallbackAdapter !== undefined ? { isFallbackAdapter } : {}), ...(cpuAdapter ? { cpuAdapter } : {}), name: adapterNameOf(info) };
}

/**
 * The adapter createBackend gets from `gpu` (the same request), described; undefined when
 * there is none.
 */
export async function describeAdapter(gpu: GPU | null | undefined): Promise<AdapterReport | undefined> {
  const adapter = await gpu?.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return undefined;
  return describeAdapterInfo((adapter as { info?: GPUAdapterInfo }).info, (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter);
}

/** The row name of a WebGPU figure: "webgpu" on a GPU, "webgpu (CPU adapter: SwiftShader)" on a CPU adapter. */
export function webgpuRowName(adapter: AdapterReport | undefined): string {
  return adapter?.cpuAdapter ? `webgpu (CPU adapter: ${adapter.cpuAdapter})` : 'webgpu';
}

/** One line for a report's header: the adapter, and what its figures are. */
export function adapterLine(adapter: AdapterReport | undefined): string {
  if (!adapter) return 'Adapter: none (no WebGPU adapter here)';
  const parts = [adapter.vendor && `vendor ${adapter.vendor}`, adapter.architecture && `architecture ${adapter.architecture}`, adapter.device && `device ${adapter.device}`, adapter.isFallbackAdapter ? 'fallback adapter' : ''].filter(Boolean);
  const what = adapter.cpuAdapter
    ? `a CPU adapter (${adapter.cpuAdapter}): its webgpu rows are CPU figures, not GPU figures`
    : 'a GPU adapter';
  return `Adapter: ${adapter.name} (${parts.join(', ')}) — ${what}`;
}
