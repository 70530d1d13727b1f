// @vitest-environment happy-dom
// The embed link builder: what the instructor picks is exactly what the embedded lab reads back
// from the URL (parseEmbedOptions), and malformed start steps or origins are flagged, not used.
import { cleanup, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { parseEmbedOptions } from '../../src/app/embed/embedOptions';
import { EmbedBuilder } from '../../src/app/share/EmbedBuilder';

afterEach(cleanup);

const embedUrl = () => new URL((screen.getByLabelText('Embed URL') as HTMLInputElement).value);
const check = (name: string, group?: RegExp) => fireEvent.click(within(group ? screen.getByRole('group', { name: group }) : document.body).getByRole('checkbox', { name }));

describe('embed builder', () => {
  it('writes a URL whose options and permalink read back as picked', () => {
    render(<EmbedBuilder hash="v=1&env=bandit" />);
    check('law', /Charts/);
    check('reward', /Charts/);
    check('speed', /Controls/);
    check('lr', /Locked/);
    check('interventions', /Locked/);
    check('start playing on load');
    fireEvent.change(screen.getByLabelText('Start at step'), { target: { value: '50' } });
    fireEvent.change(screen.getByLabelText(/origin allowed/), { target: { value: 'https://course.example.edu/page' } });
    const url = embedUrl();
    const options = parseEmbedOptions(url.search);
    expect(options).toMatchObject({
      embed: true,
      panels: ['entropy', 'law'],
      controls: ['play', 'step', 'reset', 'speed'],
      locked: ['lr', 'interventions'],
      autoplay: false,
      startStep: 50,
      allowedOrigins: ['https://course.example.edu'],
      ignored: [],
    });
    expect(url.hash).toBe('#v=1&env=bandit');
    const snippet = (screen.getByLabelText('iframe snippet') as HTMLInputElement).value;
    expect(snippet).toContain(`src="${url.href}"`);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('flags a bad start step and a bad origin and leaves them out of the link', () => {
    render(<EmbedBuilder hash="v=1" />);
    fireEvent.change(screen.getByLabelText('Start at step'), { target: { value: '-3.5' } });
    fireEvent.change(screen.getByLabelText(/origin allowed/), { target: { value: 'javascript:alert(1)' } });
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual([expect.stringMatching(/whole number/), expect.stringMatching(/http\(s\) origin/)]);
    const options = parseEmbedOptions(embedUrl().search);
    expect(options.startStep).toBe(0);
    expect(options.allowedOrigins).toEqual([]);
    expect(options.ignored).toEqual([]);
  });

  it('shows a live preview of the embed URL on request', () => {
    render(<EmbedBuilder hash="v=1" />);
    expect(screen.queryByTitle('Embed preview')).toBeNull();
    check('live preview');
    expect(screen.getByTitle('Embed preview').getAttribute('src')).toBe(embedUrl().href);
  });
});
