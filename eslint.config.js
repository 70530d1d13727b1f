// Lint: TypeScript rules plus the layering rule of style.md (src/sim imports only src/sim).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const simOnly = {
  patterns: [
    { group: ['react', 'react-dom', 'react-dom/*', 'd3', 'd3-*', 'zustand', 'zustand/*', 'katex', 'webgpu'], message: 'src/sim is pure: no UI, DOM or GPU imports (style.md rule 1).' },
    { group: ['**/app/**', '**/charts/**', '**/kernels-wgsl/**', '**/cli/**'], message: 'src/sim imports only src/sim (design.md layering).' },
    { group: ['@tensorflow/*'], message: 'Only src/sim/neural may import tfjs.' },
  ],
};

// Math.max(...xs) and friends pass every element as an argument: a large ensemble or a long run
// overflows the call stack (issue 13). Use maxOf/minOf (src/sim/arrays.ts) or a loop.
const noSpreadArguments = {
  selector: "CallExpression[callee.object.name='Math'][callee.property.name=/^(max|min|hypot)$/] > SpreadElement",
  message: 'Math.max/min(...xs) overflows the stack for large arrays; use maxOf/minOf (src/sim/arrays.ts).',
};

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**', '.tmp/**', 'coverage/**', '.exp/**', '.device-bench/**', 'device-bench-out/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      'no-restricted-globals': ['error', { name: 'Math.random', message: 'Use the seeded RNG.' }],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use the seeded counter-based RNG (src/sim/rng.ts).' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  { files: ['src/**/*.{ts,tsx}'], rules: { 'no-restricted-syntax': ['error', noSpreadArguments] } },
  {
    // Numbers must be the same bits in Node (the CLI) and the browser.
    files: ['src/sim/**/*.ts'],
    ignores: ['src/sim/portableMath.ts'],
    rules: {
      'no-restricted-properties': [
        'error',
        { object: 'Math', property: 'random', message: 'Use the seeded counter-based RNG (src/sim/rng.ts).' },
        { object: 'Math', property: 'pow', message: 'Math.pow differs between JS engines in the last bit; use integerPower (src/sim/integerPower.ts) or x * x.' },
        ...['exp', 'log', 'log1p', 'expm1', 'cos', 'sin', 'tan'].map((property) => ({ object: 'Math', property, message: `Math.${property} differs between JS engines in the last bit; use src/sim/portableMath.ts.` })),
      ],
      'no-restricted-syntax': ['error', noSpreadArguments, { selector: "BinaryExpression[operator='**']", message: '** is Math.pow: engines differ in the last bit; use integerPower or x * x.' }],
    },
  },
  {
    files: ['src/sim/**/*.ts'],
    ignores: ['src/sim/neural/**'],
    rules: { 'no-restricted-imports': ['error', simOnly] },
    languageOptions: { globals: {} },
  },
  {
    files: ['src/sim/neural/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: simOnly.patterns.slice(0, 2) }] },
  },
  {
    files: ['src/sim/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'indexedDB', 'fetch'],
    },
  },
);
