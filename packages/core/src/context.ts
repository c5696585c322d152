import type { DatabaseKind, Db } from '@kengash/db';

/** Who is acting: a signed-in user, or nobody (public requests, the system). */
export interface Actor {
  userId: string;
  email: string;
  isAdmin: boolean;
}

/** A live event that committed: the session's stream and its number. */
export interface LiveRef {
  sessionId: string;
  seq: number;
}

/**
 * What runs after a change commits (the change envelope calls these; nobody else does):
 * the mail worker's wake-up, and the live hub's.
 */
export interface Wakeups {
  mail?: () => void;
  live?: (events: LiveRef[]) => void;
  /** A vote changed a question's tally: the process's batcher writes one event for many. */
  votes?: (sessionId: string, questionId: string) => void;
}

/** What every use-case gets: the database and the settings that shape its output. */
export interface Ctx {
  db: Db;
  /** pg_notify carries live events between processes on PostgreSQL; PGlite is one process. */
  dbKind: DatabaseKind;
  publicUrl: string;
  /** Seconds to gather agenda changes into one e-mail per delegate. */
  changeNoticeDelayS?: number;
  wake?: Wakeups;
  /** Keys derived from the data key (DATA_KEY), one per purpose. */
  keys: Keys;
}

/** Purpose keys: each derived (HKDF) from the data key, never the data key itself. */
export interface Keys {
  /** HMAC key of the private calendar feeds' tokens. */
  calendarFeed: Uint8Array;
}

export const actorLabel = (actor: Actor | null) => actor?.email ?? 'system';
