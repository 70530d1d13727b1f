// Runs a TypeScript entry point (src/cli/*.ts) in Node: bundles it with esbuild so that
// `?raw` imports of .wgsl shaders work as they do under Vite, then imports the bundle.
// Usage: node scripts/run-ts.mjs <entry.ts> [args…]   (or --bundle-only <entry.ts> <out.mjs>)
import { build } from 'esbuild';
import { mkdirSync, readFileSync } from 'node:fs';
import { resolve, dirname } from 'node:path';
import { pathToFileURL, fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');

const rawTextPlugin = {
  name: 'raw-text',
  setup(b) {
    b.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.replace(/\?raw$/, '')),
      namespace: 'raw-text',
    }));
    b.onLoad({ filter: /.*/, namespace: 'raw-text' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'),
      loader: 'text',
    }));
  },
};

export async function bundleEntry(entry, outfile, { external = true } = {}) {
  await build({
    entryPoints: [resolve(entry)],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: external ? 'external' : undefined,
    banner: external ? undefined : { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
    plugins: [rawTextPlugin],
    logLevel: 'error',
    sourcemap: 'inline',
  });
}

const args = process.argv.slice(2);
if (args[0] === '--bundle-only') {
  await bundleEntry(args[1], resolve(args[2]), { external: false });
} else {
  const [entry, ...rest] = args;
  if (!entry) {
    console.error('usage: node scripts/run-ts.mjs <entry.ts> [args…]');
    process.exit(2);
  }
  const outDir = resolve(root, '.tmp');
  mkdirSync(outDir, { recursive: true });
  const outfile = resolve(outDir, `${entry.replace(/[^a-zA-Z0-9]+/g, '_')}.${process.pid}.mjs`);
  await bundleEntry(entry, outfile);
  process.argv = [process.argv[0], resolve(entry), ...rest];
  const { rmSync } = await import('node:fs');
  try {
    await import(pathToFileURL(outfile).href);
  } finally {
    rmSync(outfile, { force: true });
  }
}
