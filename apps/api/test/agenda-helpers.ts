/**
 * Small helpers shared by the agenda tests (sessions*.test.ts, agenda*.test.ts): sessions
 * at hours of the test meeting, delegates signed in, through the public API.
 */
import { expect } from 'vitest';
import { type Harness, registerDelegate, signIn } from './helpers.js';
import { call } from './registration-helpers.js';

/** The instant `hours` after the meeting starts (meetingBody: 04:00 UTC, 9 hours long). */
export const at = (meeting: Record<string, unknown>, hours: number) =>
  new Date(Date.parse(meeting.startsAt as string) + hours * 3_600_000).toISOString();

export function sessionBody(
  meeting: Record<string, unknown>,
  from: number,
  to: number,
  overrides: Record<string, unknown> = {},
) {
  return {
    title: { en: 'Plenary session', ru: 'Пленарное заседание' },
    kind: 'plenary',
    startsAt: at(meeting, from),
    endsAt: at(meeting, to),
    room: 'Hall A',
    ...overrides,
  };
}

/** Creates a session as the organizer; it must succeed. */
export async function addSession(
  h: Harness,
  cookie: string,
  slug: string,
  body: Record<string, unknown>,
) {
  const res = await call(h, 'POST', `/api/meetings/${slug}/sessions`, { cookie, payload: body });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as Record<string, unknown> & { id: string; sequence: number };
}

/** A delegate registered (confirmed in an open meeting with seats) and signed in. */
export async function signedInDelegate(
  h: Harness,
  slug: string,
  overrides: Record<string, unknown> = {},
) {
  const { res, body } = await registerDelegate(h, slug, overrides);
  expect(res.statusCode, res.body).toBe(201);
  const cookie = await signIn(h, body.email);
  return { cookie, email: body.email, registration: res.json() as { id: string; status: string } };
}
