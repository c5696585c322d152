/**
 * Small helpers shared by the registration tests (registration*.test.ts, checkin-export.test.ts).
 * Everything goes through the public API, except counting rows to prove nothing was written.
 */
import { count, eq } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { expect } from 'vitest';
import { auditLog, mailOutbox, magicLinks, registrations, users } from '@kengash/db';
import { type Harness, cookieOf, signIn, tokenFrom } from './helpers.js';

type Method = 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE';

export async function call(
  h: Harness,
  method: Method,
  url: string,
  opts: { cookie?: string; payload?: unknown } = {},
): Promise<LightMyRequestResponse> {
  return h.app.inject({
    method,
    url,
    ...(opts.cookie ? { headers: { cookie: opts.cookie } } : {}),
    ...(opts.payload !== undefined ? { payload: opts.payload as object } : {}),
  });
}

export interface RegistrationItem {
  id: string;
  email: string;
  fullName: string;
  organization: string;
  country: string;
  status: 'pending' | 'confirmed' | 'waitlisted' | 'declined' | 'cancelled';
  waitlistPosition: number | null;
  checkInCode: string;
  checkedInAt: string | null;
  consentAt: string;
  consentVersion: string;
  preferredLanguage: string;
  createdAt: string;
}

/** The organizer's list of registrations (optionally of one status). */
export async function listRegistrations(
  h: Harness,
  cookie: string,
  slug: string,
  status?: string,
): Promise<RegistrationItem[]> {
  const res = await call(
    h,
    'GET',
    `/api/meetings/${slug}/registrations${status ? `?status=${status}` : ''}`,
    {
      cookie,
    },
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

export async function meetingCounts(h: Harness, slug: string) {
  const res = await call(h, 'GET', `/api/meetings/${slug}`);
  expect(res.statusCode, res.body).toBe(200);
  const m = res.json();
  return { confirmedCount: m.confirmedCount as number, waitlistCount: m.waitlistCount as number };
}

export async function auditOf(h: Harness, cookie: string, slug: string) {
  const res = await call(h, 'GET', `/api/meetings/${slug}/audit`, { cookie });
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items as {
    at: string;
    actor: string;
    action: string;
    entityType: string;
    entityId: string;
    data: unknown;
  }[];
}

export async function decide(h: Harness, cookie: string | undefined, id: string, decision: string) {
  return call(h, 'POST', `/api/registrations/${id}/${decision}`, cookie ? { cookie } : {});
}

/** Rows in the tables a registration writes to, to prove that a refusal wrote nothing. */
export async function rowCounts(h: Harness) {
  const db = h.database.db;
  const n = async (
    table:
      typeof registrations | typeof mailOutbox | typeof auditLog | typeof users | typeof magicLinks,
  ) => (await db.select({ n: count() }).from(table))[0]!.n;
  return {
    registrations: await n(registrations),
    mail: await n(mailOutbox),
    audit: await n(auditLog),
    users: await n(users),
    magicLinks: await n(magicLinks),
  };
}

export async function mailKinds(h: Harness, to: string): Promise<string[]> {
  const rows = await h.database.db
    .select({ kind: mailOutbox.kind })
    .from(mailOutbox)
    .where(eq(mailOutbox.to, to))
    .orderBy(mailOutbox.id);
  return rows.map((r) => r.kind);
}

/** Follows the sign-in link of an e-mail: returns the verify answer and the session cookie. */
export async function signInWithMailLink(h: Harness, text: string) {
  const token = tokenFrom(text);
  expect(token, 'the mail carries a sign-in link').toBeTruthy();
  const res = await call(h, 'POST', '/api/auth/verify', { payload: { token } });
  expect(res.statusCode, res.body).toBe(200);
  return { res, cookie: cookieOf(res), token: token! };
}

/** A signed-in user that is neither staff nor registered. */
export const signInStranger = (h: Harness, email = 'stranger@example.org') => signIn(h, email);

/**
 * The waiting delegates in the order they are served. Each one's waiting-list e-mail was
 * queued under the meeting lock in the transaction that put them on the list, and the
 * outbox id is a sequence: its order is the queue's, also for sign-ups that raced.
 */
export async function inQueueOrder(
  h: Harness,
  waiting: RegistrationItem[],
): Promise<RegistrationItem[]> {
  const mails = await h.database.db
    .select({ id: mailOutbox.id, to: mailOutbox.to })
    .from(mailOutbox)
    .where(eq(mailOutbox.kind, 'registration_waitlisted'))
    .orderBy(mailOutbox.id);
  const order = new Map(mails.map((m, i) => [m.to, i]));
  for (const r of waiting) expect(order.has(r.email), `${r.email} was told they wait`).toBe(true);
  return [...waiting].sort((a, b) => order.get(a.email)! - order.get(b.email)!);
}

/** Positions 1, 2, … n, exactly in the order given (the order the queue serves). */
export function expectDensePositions(waitingInQueueOrder: RegistrationItem[]) {
  expect(waitingInQueueOrder.map((r) => r.waitlistPosition)).toEqual(
    Array.from({ length: waitingInQueueOrder.length }, (_, i) => i + 1),
  );
}

export const CODE_FORMAT = /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;
