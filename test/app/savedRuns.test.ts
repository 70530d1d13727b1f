// The saved-runs library over IndexedDB (fake-indexeddb in Node): save, list, load and delete
// survive a new connection (a reload); storage failures become messages, not exceptions.
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/sim/config';
import { CpuBackend } from '../../src/sim/cpuBackend';
import { toExperimentFile } from '../../src/sim/experimentFile';
import { recordsByRun } from '../../src/sim/summary';
import { LibraryError, SavedRunsLibrary } from '../../src/app/library/savedRuns';

function file(name: string) {
  const r = parseConfig({ version: 1, steps: 4, runs: 2 });
  if (!r.ok) throw new Error('bad config');
  const backend = new CpuBackend(r.config);
  const records = recordsByRun(backend.advanceSync(4), 2);
  return { file: toExperimentFile(name, 'cpu', r.config, records, backend.statuses()), records };
}

describe('saved runs library', () => {
  it('saves, lists, loads and deletes across a fresh connection', async () => {
    const idb = new IDBFactory();
    const a = file('first');
    const id = await new SavedRunsLibrary(idb).save(a.file);
    await new SavedRunsLibrary(idb).save(file('second').file);
    const reopened = new SavedRunsLibrary(idb);
    const listed = await reopened.list();
    expect(listed.map((r) => r.name).sort()).toEqual(['first', 'second']);
    expect(listed.find((r) => r.name === 'first')).toMatchObject({ env: 'bandit', algorithm: 'pg', runs: 2, steps: 4 });
    const loaded = await reopened.load(id);
    expect(loaded.records).toEqual(a.records);
    await reopened.remove(id);
    expect((await new SavedRunsLibrary(idb).list()).map((r) => r.name)).toEqual(['second']);
    await expect(reopened.load(id)).rejects.toThrow(/no longer exists/);
  });

  it('reports a full disk and blocked storage as LibraryErrors that say the run is kept', async () => {
    const full = new IDBFactory();
    const lib = new SavedRunsLibrary(full);
    await lib.list();
    const proto = IDBObjectStore.prototype;
    const add = proto.add;
    proto.add = function () {
      throw new DOMException('quota', 'QuotaExceededError');
    };
    try {
      await expect(lib.save(file('big').file)).rejects.toThrow(LibraryError);
      await expect(lib.save(file('big').file)).rejects.toThrow(/storage for this site is full.*still open/);
    } finally {
      proto.add = add;
    }
    const blocked = new SavedRunsLibrary(null);
    await expect(blocked.list()).rejects.toThrow(/blocking storage.*still open/);
  });
});
