// The embed postMessage API (design.md): the page posts `entropy-lab:resize` and
// `entropy-lab:state` to its parent and obeys `entropy-lab:command` messages from its own
// origin or an allowed one. Every incoming message is validated here; nothing else reads
// raw message data.
import { parseConfig, formatIssues, type ExperimentConfig } from '../../sim/config';

export const COMMAND_ACTIONS = ['play', 'pause', 'step', 'reset', 'load'] as const;
export type CommandAction = (typeof COMMAND_ACTIONS)[number];

export type EmbedCommand = { action: Exclude<CommandAction, 'load'> } | { action: 'load'; config: ExperimentConfig };

export interface ResizeMessage {
  type: 'entropy-lab:resize';
  height: number;
}

export interface StateMessage {
  type: 'entropy-lab:state';
  step: number;
  metrics: Record<string, number>;
}

export interface ErrorMessage {
  type: 'entropy-lab:error';
  message: string;
}

/**
 * What to do with a message event: `ignore` it silently (other apps' message types), refuse a
 * command from an origin the embed link does not allow (`foreign`: the lab warns, naming the
 * origin and the `allow=` it would need), `reject` it with a reason posted back, or run the
 * `command`.
 */
export type CommandDecision = { kind: 'ignore' } | { kind: 'foreign'; origin: string } | { kind: 'reject'; message: string } | { kind: 'command'; command: EmbedCommand };

export function decideCommand(data: unknown, origin: string, ownOrigin: string, allowed: readonly string[]): CommandDecision {
  if (typeof data !== 'object' || data === null || (data as { type?: unknown }).type !== 'entropy-lab:command') return { kind: 'ignore' };
  if (origin !== ownOrigin && !allowed.includes(origin)) return { kind: 'foreign', origin: String(origin).slice(0, 200) };
  const { action, config } = data as { action?: unknown; config?: unknown };
  if (typeof action !== 'string' || !(COMMAND_ACTIONS as readonly string[]).includes(action)) {
    return { kind: 'reject', message: `action: expected one of ${COMMAND_ACTIONS.join(', ')}` };
  }
  if (action !== 'load') return { kind: 'command', command: { action: action as Exclude<CommandAction, 'load'> } };
  const parsed = parseConfig(config);
  if (!parsed.ok) return { kind: 'reject', message: `config: ${formatIssues(parsed.issues)}` };
  return { kind: 'command', command: { action: 'load', config: parsed.config } };
}

export function resizeMessage(height: number): ResizeMessage {
  return { type: 'entropy-lab:resize', height: Math.max(0, Math.ceil(height)) };
}

export function stateMessage(step: number, metrics: Record<string, number>): StateMessage {
  return { type: 'entropy-lab:state', step, metrics };
}

/** What the embed says when a command came from an origin its link does not allow. */
export function foreignCommandWarning(origin: string): string {
  return `Ignored a command from ${origin}: this embed obeys only its own page and the origins in its link. The course page's link needs allow=${origin}.`;
}

export function errorMessage(message: string): ErrorMessage {
  return { type: 'entropy-lab:error', message };
}
