import type { Db } from '@kengash/db';

/** Who is acting: a signed-in user, or nobody (public requests, the system). */
export interface Actor {
  userId: string;
  email: string;
  isAdmin: boolean;
}

/** What every use-case gets: the database and the settings that shape its output. */
export interface Ctx {
  db: Db;
  publicUrl: string;
  /** Wakes the mail worker after a commit that queued mail; optional. */
  onMailQueued?: () => void;
}

export const actorLabel = (actor: Actor | null) => actor?.email ?? 'system';
