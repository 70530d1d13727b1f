// The bench's numpy peer (scripts/numpy_peer.py) from Node: runs it on the bench's workload when
// python3 with numpy is here, else says why it was skipped. Its JSON line is the timing.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import type { BenchReport, PeerResult } from '../kernels-wgsl/bench';
import { repositoryRoot } from './repositoryRoot';

interface PeerJson {
  label: string;
  steps: number;
  seconds: number;
}

export function runNumpyPeer(w: BenchReport['workload'], steps: number, python = 'python3'): Promise<PeerResult> {
  const script = join(repositoryRoot(import.meta.url), 'scripts', 'numpy_peer.py');
  const args = [script, '--json', '--runs', w.runs, '--steps', steps, '--prompts', w.prompts, '--group', w.groupSize, '--vocab', w.vocab, '--length', w.length].map(String);
  return new Promise((resolve) => {
    execFile(python, args, { maxBuffer: 1 << 20 }, (error, stdout, stderr) => {
      if (error && (error as NodeJS.ErrnoException).code === 'ENOENT') return resolve({ ok: false, note: `${python} is not installed` });
      if (/No module named .?numpy/.test(stderr)) return resolve({ ok: false, note: `${python} has no numpy (pip install numpy)` });
      if (error) return resolve({ ok: false, note: `${python} ${script} failed: ${stderr.trim().split('\n').pop() ?? error.message}` });
      const report = JSON.parse(stdout) as PeerJson;
      resolve({ ok: true, label: report.label, steps: report.steps, seconds: report.seconds });
    });
  });
}
