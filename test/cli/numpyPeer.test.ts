// The bench's numpy peer from Node (src/cli/numpyPeer.ts): a real run of scripts/numpy_peer.py
// on a tiny workload (where python3 has numpy), and the two ways it is skipped with a note: no
// python3 at all, and a python3 without numpy (a stand-in interpreter that fails the import).
import { chmodSync, mkdtempSync, writeFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runNumpyPeer } from '../../src/cli/numpyPeer';

const workload = { env: 'tokens', runs: 3, prompts: 4, groupSize: 4, vocab: 5, length: 3, algorithm: 'grpo' } as const;
const numpyHere = spawnSync('python3', ['-c', 'import numpy'], { encoding: 'utf8' }).status === 0;

describe('numpy peer', () => {
  it('times the vectorised GRPO step on the bench workload where python3 has numpy, else says so', async () => {
    const r = await runNumpyPeer(workload, 2);
    if (!numpyHere) return expect(r).toEqual({ ok: false, note: expect.stringMatching(/^python3 (is not installed|has no numpy)/) });
    if (!r.ok) throw new Error(r.note);
    expect(r.steps).toBe(2);
    expect(r.seconds).toBeGreaterThan(0);
    expect(r.label).toMatch(/^numpy \d+\.\d+/);
  });

  it('is skipped with a note when there is no python3', async () => {
    expect(await runNumpyPeer(workload, 1, '/nonexistent/python3')).toEqual({ ok: false, note: '/nonexistent/python3 is not installed' });
  });

  it('is skipped with a note when python3 has no numpy', async () => {
    const python = join(mkdtempSync(join(tmpdir(), 'peer-')), 'python3');
    writeFileSync(python, `#!/bin/sh\necho "ModuleNotFoundError: No module named 'numpy'" >&2\nexit 1\n`);
    chmodSync(python, 0o755);
    expect(await runNumpyPeer(workload, 1, python)).toEqual({ ok: false, note: `${python} has no numpy (pip install numpy)` });
  });
});
