// The page's `?threads=N` option (src/app/worker/browserThreads.ts): a whole number from 1 to
// 1024 is taken, anything else is named in the notice and the default (all cores) stays; and
// where a context cannot start Web Workers (Node here) the CPU runs on one thread.
import { describe, expect, it } from 'vitest';
import { browserCpuThreads, threadsFromQuery } from '../../src/app/worker/browserThreads';

describe('?threads=N', () => {
  it('takes a whole number from 1 to 1024', () => {
    expect(threadsFromQuery('?threads=3&embed=1')).toEqual({ threads: 3 });
    expect(threadsFromQuery('?threads=1')).toEqual({ threads: 1 });
    expect(threadsFromQuery('?embed=1')).toEqual({});
  });

  it('names a bad value and keeps the default', () => {
    for (const raw of ['0', '2.5', 'all', '', '4096', '-1']) {
      expect(threadsFromQuery(`?threads=${raw}`)).toEqual({ ignored: `threads must be a whole number from 1 to 1024 (got "${raw}")` });
    }
  });

  it('gives no workers where there is no Worker', () => {
    expect(typeof Worker).toBe('undefined');
    expect(browserCpuThreads(4)).toBeUndefined();
  });
});
