/**
 * Domain events inside one change: an area announces what happened, and the areas that
 * stand on it react in the same transaction. This keeps imports one way — registrations
 * does not know site visits, yet a cancelled registration gives up its visit seats.
 * Handlers subscribe when their area's module loads (core's index imports every area).
 */
import type { sessions } from '@kengash/db';
import type { Actor } from '../context.js';
import type { Effects } from './envelope.js';

export interface DomainEvents {
  /** A confirmed registration stopped being confirmed (cancelled by anyone). */
  'registration.left': {
    meetingId: string;
    registrationId: string;
    userId: string;
    actor: Actor | null;
  };
  /** An organizer edited or cancelled a session: the live areas on it may owe an event. */
  'session.changed': SessionChanged;
}
/** A session's row before and after an organizer's change (an edit or a cancellation). */
export interface SessionChanged {
  before: typeof sessions.$inferSelect;
  after: typeof sessions.$inferSelect;
}
export type DomainEventName = keyof DomainEvents;

type Handler<E extends DomainEventName> = (fx: Effects, payload: DomainEvents[E]) => Promise<void>;
const handlers = new Map<DomainEventName, Handler<DomainEventName>[]>();

export function onDomainEvent<E extends DomainEventName>(event: E, handler: Handler<E>): void {
  handlers.set(event, [...(handlers.get(event) ?? []), handler as Handler<DomainEventName>]);
}

/** Runs the subscribers of `event` in order, in the change's transaction. */
export async function emitDomainEvent<E extends DomainEventName>(
  fx: Effects,
  event: E,
  payload: DomainEvents[E],
): Promise<void> {
  for (const handler of handlers.get(event) ?? []) await handler(fx, payload);
}
