// Embed options and the postMessage protocol: only own or allowed origins are obeyed,
// malformed commands are rejected with a reason, bad options are listed, never thrown.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatEmbedQuery, parseEmbedOptions } from '../../src/app/embed/embedOptions';
import { decideCommand } from '../../src/app/embed/embedProtocol';

const OWN = 'http://localhost:4173';

describe('embed protocol', () => {
  it('obeys its own and allowed origins only', () => {
    const play = { type: 'entropy-lab:command', action: 'play' };
    expect(decideCommand(play, OWN, OWN, [])).toEqual({ kind: 'command', command: { action: 'play' } });
    expect(decideCommand(play, 'https://course.example', OWN, ['https://course.example']).kind).toBe('command');
    // A command from another origin is refused by name (the embed warns), other apps' messages ignored.
    expect(decideCommand(play, 'https://evil.example', OWN, ['https://course.example'])).toEqual({ kind: 'foreign', origin: 'https://evil.example' });
    expect(decideCommand({ type: 'other-app' }, 'https://evil.example', OWN, [])).toEqual({ kind: 'ignore' });
    expect(decideCommand({ type: 'other-app' }, OWN, OWN, [])).toEqual({ kind: 'ignore' });
  });

  it('validates load configs and actions with field paths', () => {
    const load = decideCommand({ type: 'entropy-lab:command', action: 'load', config: { version: 1, env: { type: 'bandit', arms: -2 } } }, OWN, OWN, []);
    expect(load).toEqual({ kind: 'reject', message: expect.stringMatching(/^config: env\.arms: must be ≥ 1/) });
    expect(decideCommand({ type: 'entropy-lab:command', action: 'explode' }, OWN, OWN, [])).toMatchObject({ kind: 'reject' });
    const ok = decideCommand({ type: 'entropy-lab:command', action: 'load', config: { version: 1, steps: 7 } }, OWN, OWN, []);
    expect(ok.kind === 'command' && ok.command.action === 'load' && ok.command.config.steps).toBe(7);
  });

  it('never throws on random message data', () => {
    fc.assert(
      fc.property(fc.anything(), fc.constantFrom(OWN, 'https://x.example'), (data, origin) => {
        const d = decideCommand(data, origin, OWN, []);
        expect(['ignore', 'foreign', 'reject', 'command']).toContain(d.kind);
      }),
      { numRuns: 1000, seed: 9 },
    );
    fc.assert(
      fc.property(fc.record({ type: fc.constant('entropy-lab:command'), action: fc.constantFrom('load', 'play', 'x'), config: fc.anything() }), (data) => {
        expect(['reject', 'command']).toContain(decideCommand(data, OWN, OWN, []).kind);
      }),
      { numRuns: 300, seed: 10 },
    );
  });
});

describe('embed options', () => {
  it('round-trips the link builder query and lists what it ignored', () => {
    const opts = { panels: ['entropy' as const, 'law' as const], controls: ['play' as const, 'interventions' as const], locked: ['lr' as const], interventions: ['clipCov', 'entropyBonus'], autoplay: true, startStep: 40, allowedOrigins: ['https://course.example'] };
    const parsed = parseEmbedOptions(formatEmbedQuery(opts));
    expect(parsed).toMatchObject({ ...opts, embed: true, ignored: [] });
    const bad = parseEmbedOptions('?embed=1&panels=entropy,bogus&start=-3&allow=javascript:alert(1)&lock=lr,foo&interventions=clipCov,nope');
    expect(bad.panels).toEqual(['entropy']);
    expect(bad.startStep).toBe(0);
    expect(bad.locked).toEqual(['lr']);
    expect(bad.interventions).toEqual(['clipCov']);
    expect(bad.ignored).toEqual([
      expect.stringMatching(/^start "-3"/),
      expect.stringMatching(/^allow "javascript:alert\(1\)"/),
      expect.stringMatching(/^panel "bogus" is not one of entropy, reward/),
      expect.stringMatching(/^lock "foo" is not one of preset, env, policy, algorithm, lr, runs, interventions/),
      expect.stringMatching(/^intervention "nope" is not one of entropyBonus, clipCov/),
    ]);
    // No `interventions=`: every intervention is offered.
    expect(parseEmbedOptions('?embed=1').interventions).toBeUndefined();
  });
});
