// Compiled pipelines kept per device (and key): backends on one device share them, and a
// compilation that failed is forgotten so the next backend tries again.

/** The promise in `cache` under `key`, made by `compile` the first time. */
export function compileOnce<K extends object | number | string, T>(cache: { get(k: K): Promise<T> | undefined; set(k: K, v: Promise<T>): unknown; delete(k: K): unknown }, key: K, compile: () => Promise<T>): Promise<T> {
  let compiled = cache.get(key);
  if (!compiled) {
    compiled = compile();
    cache.set(key, compiled);
    compiled.catch(() => cache.delete(key));
  }
  return compiled;
}
