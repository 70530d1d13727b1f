// The saved-runs library (issue 7): experiment files kept in IndexedDB by name, listed, loaded
// and deleted across reloads. Every failure becomes a LibraryError with a message a user can
// act on (storage full, storage blocked); the caller keeps the current run either way.
import { fromExperimentFile, type ExperimentFile, type LoadedExperiment } from '../../sim/experimentFile';
import { maxOf } from '../../sim/arrays';

const DB_NAME = 'entropy-lab';
/** 2 added the imported training logs' store (src/app/library/importedLogs.ts). */
const DB_VERSION = 2;
const STORE = 'savedRuns';
export const IMPORTED_LOGS_STORE = 'importedLogs';

export interface SavedRunInfo {
  id: number;
  name: string;
  savedAt: number;
  env: string;
  algorithm: string;
  runs: number;
  steps: number;
}

interface SavedRunRow extends Omit<SavedRunInfo, 'id'> {
  id?: number;
  file: string;
}

export class LibraryError extends Error {}

export function describeFailure(e: unknown, doing: string): LibraryError {
  const name = (e as { name?: string } | null)?.name;
  if (name === 'QuotaExceededError') {
    return new LibraryError(`Could not ${doing}: the browser's storage for this site is full. Your current run is still open; export it as JSON, or delete saved runs to make room.`);
  }
  if (name === 'InvalidStateError' || name === 'SecurityError' || name === 'UnknownError') {
    return new LibraryError(`Could not ${doing}: the browser is blocking storage for this page (private browsing or site settings). Your current run is still open; export it as JSON instead.`);
  }
  return new LibraryError(`Could not ${doing}: ${(e as Error)?.message ?? String(e)}. Your current run is still open.`);
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function transactionDone(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new DOMException('transaction aborted', 'AbortError'));
  });
}

/** The lab's IndexedDB database: one connection, one transaction per call, failures as LibraryErrors. */
export class LibraryDatabase {
  private db?: Promise<IDBDatabase>;

  constructor(private readonly factory: IDBFactory | null = globalThis.indexedDB ?? null) {}

  private open(): Promise<IDBDatabase> {
    this.db ??= new Promise<IDBDatabase>((resolve, reject) => {
      if (!this.factory) {
        reject(new DOMException('IndexedDB is not available', 'InvalidStateError'));
        return;
      }
      let req: IDBOpenDBRequest;
      try {
        req = this.factory.open(DB_NAME, DB_VERSION);
      } catch (e) {
        reject(e);
        return;
      }
      req.onupgradeneeded = () => {
        for (const name of [STORE, IMPORTED_LOGS_STORE]) if (!req.result.objectStoreNames.contains(name)) req.result.createObjectStore(name, { keyPath: 'id', autoIncrement: true });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
      req.onblocked = () => reject(new DOMException('another tab holds an older version of the library open', 'InvalidStateError'));
    }).catch((e) => {
      this.db = undefined;
      throw e;
    });
    return this.db;
  }

  async withStore<T>(storeName: string, mode: IDBTransactionMode, doing: string, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    try {
      const db = await this.open();
      const tx = db.transaction(storeName, mode);
      const result = request(fn(tx.objectStore(storeName)));
      await transactionDone(tx);
      return await result;
    } catch (e) {
      throw describeFailure(e, doing);
    }
  }
}

export class SavedRunsLibrary {
  private readonly db: LibraryDatabase;

  constructor(factory?: IDBFactory | null) {
    this.db = new LibraryDatabase(factory);
  }

  private withStore<T>(mode: IDBTransactionMode, doing: string, fn: (store: IDBObjectStore) => IDBRequest<T>): Promise<T> {
    return this.db.withStore(STORE, mode, doing, fn);
  }

  async save(file: ExperimentFile): Promise<number> {
    const row: SavedRunRow = {
      name: file.name,
      savedAt: Date.now(),
      env: file.config.env.type,
      algorithm: file.config.algorithm.type,
      runs: file.config.runs,
      steps: maxOf(file.rows.map((r) => r.length), 0),
      file: JSON.stringify(file),
    };
    return Number(await this.withStore('readwrite', `save "${file.name}"`, (s) => s.add(row)));
  }

  async list(): Promise<SavedRunInfo[]> {
    const rows = await this.withStore('readonly', 'list saved runs', (s) => s.getAll() as IDBRequest<SavedRunRow[]>);
    return rows.map(({ file: _file, ...info }) => info as SavedRunInfo).sort((a, b) => b.savedAt - a.savedAt);
  }

  async load(id: number): Promise<LoadedExperiment> {
    const row = await this.withStore('readonly', 'load the saved run', (s) => s.get(id) as IDBRequest<SavedRunRow | undefined>);
    if (!row) throw new LibraryError('That saved run no longer exists (deleted in another tab?).');
    const parsed = fromExperimentFile(row.file);
    if (!parsed.ok) throw new LibraryError(`The saved run "${row.name}" is damaged and cannot be loaded: ${parsed.error}`);
    return parsed.experiment;
  }

  async remove(id: number): Promise<void> {
    await this.withStore('readwrite', 'delete the saved run', (s) => s.delete(id));
  }
}
