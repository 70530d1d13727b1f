// @vitest-environment happy-dom
// The tour strip: start a tour, predict, run (the step's config is loaded and played), read the
// explanation once the run is done; the focus follows each phase so keyboard users keep their place.
import { TickDigester } from '../../src/sim/tickDigest';
import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it } from 'vitest';
import { createLabStore, type WorkerBridge } from '../../src/app/store/labStore';
import { TourPanel } from '../../src/app/tours/TourPanel';
import { TOURS } from '../../src/app/tours/tours';
import type { WorkerReply, WorkerRequest } from '../../src/app/worker/protocol';
import { parseConfig } from '../../src/sim/config';

function fakeBridge() {
  const sent: WorkerRequest[] = [];
  let reply: (r: WorkerReply) => void = () => {};
  const bridge: WorkerBridge = { send: (m) => void sent.push(m), onReply: (fn) => void (reply = fn) };
  return { bridge, sent, reply: (r: WorkerReply) => reply(r) };
}

afterEach(cleanup);

describe('tour panel', () => {
  it('walks a two-step tour: predict, run the step’s config, explain, next', () => {
    const { bridge, sent, reply } = fakeBridge();
    const store = createLabStore(bridge);
    const watched: string[] = [];
    render(<TourPanel store={store} onWatch={(id) => watched.push(id)} />);
    const tour = TOURS.find((t) => t.steps.length === 2)!;
    fireEvent.change(screen.getByLabelText('Guided tour'), { target: { value: tour.id } });
    fireEvent.click(screen.getByRole('button', { name: 'Start tour' }));
    expect(document.activeElement?.textContent).toBe(tour.steps[0].title);

    const run = screen.getByRole('button', { name: 'Run it' });
    expect(run).toHaveProperty('disabled', true);
    const wrong = tour.steps[0].choices.findIndex((c) => !c.correct);
    fireEvent.click(screen.getAllByRole('radio')[wrong]);
    fireEvent.click(run);
    const expected = parseConfig(tour.steps[0].config);
    expect(expected.ok && store.getState().config).toEqual(expected.ok && expected.config);
    expect(sent.slice(-2).map((m) => m.type)).toEqual(['load', 'play']);
    expect(watched).toEqual([tour.steps[0].watch]);
    expect(screen.getByRole('status').textContent).toMatch(/Running/);

    const policy = { rowLabels: [], actionLabels: [], probs: [] };
    // The worker answers the load, then reports the last tick of the run.
    act(() => reply({ type: 'ready', backend: { name: 'cpu', label: 'CPU', reason: 'test' }, totalSteps: 400, policy }));
    act(() => reply({ type: 'tick', digest: new TickDigester(1, 400).digest([]), step: 400, running: false, done: true, statuses: [], policy }));
    expect(screen.getByText(tour.steps[0].explanation)).toBeTruthy();
    expect(screen.getByRole('status').textContent).toContain('Not quite');
    fireEvent.click(screen.getByRole('button', { name: 'Next step' }));
    expect(document.activeElement?.textContent).toBe(tour.steps[1].title);
    expect(screen.getByRole('button', { name: 'Run it' })).toHaveProperty('disabled', true);
  });

  it('Escape closes the tour and returns to the tour picker', () => {
    const store = createLabStore(fakeBridge().bridge);
    render(<TourPanel store={store} onWatch={() => {}} />);
    fireEvent.click(screen.getByRole('button', { name: 'Start tour' }));
    fireEvent.keyDown(screen.getByRole('heading', { level: 2 }), { key: 'Escape' });
    expect(screen.getByRole('button', { name: 'Start tour' })).toBeTruthy();
  });
});
