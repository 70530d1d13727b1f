// Bad input never throws and always gets a message (issue 7): random JSON through the config
// validator, random experiment files through the importer, random postMessage data through the
// embed command decoder. (Hashes and CSV are fuzzed in permalink/exportFormats tests.)
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideCommand } from '../../src/app/embed/embedProtocol';
import { parseConfig } from '../../src/sim/config';
import { fromExperimentFile } from '../../src/sim/experimentFile';
import { PRESETS } from '../../src/sim/presets';

/** Random JSON, often shaped like a config (mutated presets) so the validator goes deep. */
const configLike = fc.oneof(
  fc.jsonValue(),
  fc.tuple(fc.constantFrom(...PRESETS), fc.constantFrom('env', 'algorithm', 'steps', 'runs', 'interventions', 'version', 'policy'), fc.jsonValue()).map(([p, key, value]) => ({ ...p.config, [key]: value })),
);

describe('malformed input', () => {
  it('1000 random configs: parseConfig never throws; a rejection names a field path and a reason', () => {
    fc.assert(
      fc.property(configLike, (raw) => {
        const r = parseConfig(raw);
        if (!r.ok) {
          expect(r.issues.length).toBeGreaterThan(0);
          for (const issue of r.issues) expect(issue.message.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 1000, seed: 21 },
    );
  });

  it('1000 random experiment files: the importer never throws and explains each rejection', () => {
    const file = fc.oneof(
      fc.string(),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.record({ format: fc.constantFrom('entropy-lab/experiment', 'x'), version: fc.oneof(fc.constant(1), fc.integer()), config: configLike, columns: fc.array(fc.string()), rows: fc.jsonValue() }).map((v) => JSON.stringify(v)),
    );
    fc.assert(
      fc.property(file, (text) => {
        const r = fromExperimentFile(text);
        if (!r.ok) expect(r.error.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000, seed: 22 },
    );
  });

  it('1000 random messages: the embed decoder ignores, refuses a foreign origin, rejects with a reason, or obeys — never throws', () => {
    const data = fc.oneof(
      fc.jsonValue(),
      fc.record({ type: fc.constant('entropy-lab:command'), action: fc.oneof(fc.string(), fc.constantFrom('play', 'pause', 'step', 'reset', 'load')), config: configLike }),
    );
    fc.assert(
      fc.property(data, fc.constantFrom('http://localhost', 'https://evil.example'), (msg, origin) => {
        const d = decideCommand(msg, origin, 'http://localhost', []);
        // Another origin is never obeyed: its commands are refused by name, anything else ignored.
        if (origin !== 'http://localhost') expect(d).toEqual((msg as { type?: unknown } | null)?.type === 'entropy-lab:command' ? { kind: 'foreign', origin } : { kind: 'ignore' });
        if (d.kind === 'reject') expect(d.message.length).toBeGreaterThan(0);
      }),
      { numRuns: 1000, seed: 23 },
    );
  });
});
