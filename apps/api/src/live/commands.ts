/**
 * Client frames on a live channel (`{"type": …, "ref": …}`): each type has a handler that
 * validates its frame with the same schema as the HTTP call and runs the same use-case.
 * Areas register their commands when their routes load (Q&A: ask, vote, unvote, moderate).
 */
import type { FastifyInstance } from 'fastify';
import type { Actor, SessionAccess, LiveViewer } from '@kengash/core';

export interface LiveCommandContext {
  app: FastifyInstance;
  actor: Actor | null;
  session: SessionAccess;
  viewer: LiveViewer;
  langs: string[];
  /** The parsed frame, still to be validated by the handler's schema. */
  frame: Record<string, unknown>;
}

export type LiveCommand = (c: LiveCommandContext) => Promise<unknown>;

const commands = new Map<string, LiveCommand>();

export function registerLiveCommand(type: string, handler: LiveCommand): void {
  commands.set(type, handler);
}

export const liveCommand = (type: string) => commands.get(type);
export const liveCommandTypes = () => [...commands.keys()];
