/**
 * What the live hub asks of the areas that speak on a session's live channel (the floor,
 * Q&A): each area adds its part to a viewer's snapshot and renders its committed events
 * once per visibility class — never once per viewer (a broadcast to 5,000 viewers must
 * serialize an event a handful of times, not 5,000). Areas register when their module
 * loads (core's index imports every area).
 */
import type { Db } from '@kengash/db';
import { canModerate, isRegistrant, isStaff } from '../access/meeting-access.js';
import type { LiveEventType } from '../changes/live.js';
import type { SessionAccess } from '../sessions/rows.js';

/**
 * Who sees what: moderators see everything; registrants (and staff without moderation)
 * see what delegates see and may act; the public (anonymous or not registered) watches.
 */
export const viewerClasses = ['moderator', 'registrant', 'public'] as const;
export type ViewerClass = (typeof viewerClasses)[number];

export interface LiveViewer {
  userId: string | null;
  klass: ViewerClass;
}

export function viewerOf(s: SessionAccess): LiveViewer {
  const a = s.access;
  const klass: ViewerClass = canModerate(a)
    ? 'moderator'
    : isRegistrant(a) || isStaff(a)
      ? 'registrant'
      : 'public';
  return { userId: a.actor?.userId ?? null, klass };
}

export interface LiveEventRow {
  sessionId: string;
  seq: number;
  type: string;
  payload: unknown;
}

/**
 * One event as each class sees it: the `data` of its frame, or null when the class does
 * not see it. `byUser` overrides the class for named users who are not moderators (an
 * author sees her own pending question; a moderator's class copy already has it).
 */
export interface RenderedEvent {
  byClass: Record<ViewerClass, unknown>;
  byUser?: Map<string, unknown>;
}

export interface LiveArea {
  name: string;
  /** The event types this area renders. */
  types: readonly LiveEventType[];
  /** This area's keys of the snapshot frame, as this viewer may see them. */
  snapshot(db: Db, s: SessionAccess, viewer: LiveViewer): Promise<Record<string, unknown>>;
  /** Renders committed events of this area's types, in order; one result per event. */
  render(db: Db, sessionId: string, events: LiveEventRow[]): Promise<RenderedEvent[]>;
}

const areas: LiveArea[] = [];

/** Registers an area (replacing one of the same name); returns its unregistration. */
export function registerLiveArea(area: LiveArea): () => void {
  const existing = areas.findIndex((a) => a.name === area.name);
  if (existing >= 0) areas.splice(existing, 1, area);
  else areas.push(area);
  return () => {
    const i = areas.indexOf(area);
    if (i >= 0) areas.splice(i, 1);
  };
}

export const liveAreas = (): readonly LiveArea[] => areas;
/** The area that renders a type: the one registered last, if two claim it. */
export const liveAreaFor = (type: string) =>
  areas.findLast((a) => (a.types as readonly string[]).includes(type));
