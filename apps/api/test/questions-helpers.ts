/**
 * Small helpers shared by the Q&A tests (questions*.test.ts): a published meeting with a
 * session and a moderator, confirmed delegates signed in, and the Q&A calls, all through
 * the public API.
 */
import { expect } from 'vitest';
import { createMeeting, type Harness, registerDelegate, signIn } from './helpers.js';
import { call } from './registration-helpers.js';

export interface QaSetup {
  sessionId: string;
  slug: string;
  organizer: string;
  moderator: string;
}

/** A published meeting with one session and a moderator (besides the organizer). */
export async function qaSetup(h: Harness, slugName = 'qa-meeting'): Promise<QaSetup> {
  const { slug, cookie, meeting } = await createMeeting(h, { slug: slugName, capacity: 100 });
  const startsAt = meeting.startsAt as string;
  const res = await call(h, 'POST', `/api/meetings/${slug}/sessions`, {
    cookie,
    payload: {
      title: { en: 'Plenary: questions to the panel', ru: 'Пленарное заседание: вопросы' },
      kind: 'plenary',
      startsAt,
      endsAt: new Date(Date.parse(startsAt) + 3_600_000).toISOString(),
      room: 'Main hall',
    },
  });
  expect(res.statusCode, res.body).toBe(201);
  const staff = await call(h, 'PUT', `/api/meetings/${slug}/staff`, {
    cookie,
    payload: { email: 'chair@example.org', role: 'moderator' },
  });
  expect(staff.statusCode, staff.body).toBe(200);
  return {
    sessionId: res.json().id as string,
    slug,
    organizer: cookie,
    moderator: await signIn(h, 'chair@example.org'),
  };
}

export interface QaDelegate {
  cookie: string;
  email: string;
  fullName: string;
}

/** A confirmed delegate, signed in. */
export async function qaDelegate(
  h: Harness,
  slug: string,
  overrides: Record<string, unknown> = {},
): Promise<QaDelegate> {
  const { res, body } = await registerDelegate(h, slug, overrides);
  expect(res.statusCode, res.body).toBe(201);
  expect(res.json().status).toBe('confirmed');
  return {
    cookie: await signIn(h, body.email),
    email: body.email,
    fullName: body.fullName as string,
  };
}

export interface QuestionAnswer {
  id: string;
  text: string;
  status: string;
  votes: number;
  pinned: boolean;
  author: { name: string } | null;
  createdAt: string;
  answeredAt: string | null;
  anonymous?: boolean;
  mine?: boolean;
  voted?: boolean;
}

export const askCall = (h: Harness, s: QaSetup, cookie: string | null, payload: unknown) =>
  call(h, 'POST', `/api/sessions/${s.sessionId}/questions`, {
    ...(cookie ? { cookie } : {}),
    payload,
  });

/** Asks; it must succeed. */
export async function ask(
  h: Harness,
  s: QaSetup,
  cookie: string,
  text: string,
  anonymous?: boolean,
): Promise<{ id: string; status: string }> {
  const res = await askCall(h, s, cookie, { text, ...(anonymous ? { anonymous } : {}) });
  expect(res.statusCode, res.body).toBe(201);
  return res.json();
}

export async function listOf(
  h: Harness,
  s: QaSetup,
  cookie?: string | null,
): Promise<QuestionAnswer[]> {
  const res = await call(
    h,
    'GET',
    `/api/sessions/${s.sessionId}/questions`,
    cookie ? { cookie } : {},
  );
  expect(res.statusCode, res.body).toBe(200);
  return res.json().items;
}

export const voteCall = (h: Harness, id: string, cookie: string | null, up = true) =>
  call(h, up ? 'POST' : 'DELETE', `/api/questions/${id}/vote`, cookie ? { cookie } : {});

export const moderateCall = (h: Harness, id: string, action: string, cookie: string | null) =>
  call(h, 'POST', `/api/questions/${id}/${action}`, cookie ? { cookie } : {});

/** A moderation that must succeed; the question as answered. */
export async function moderate(
  h: Harness,
  s: QaSetup,
  id: string,
  action: string,
): Promise<QuestionAnswer> {
  const res = await moderateCall(h, id, action, s.moderator);
  expect(res.statusCode, res.body).toBe(200);
  return res.json();
}

export async function setQa(h: Harness, s: QaSetup, payload: Record<string, unknown>) {
  const res = await call(h, 'PATCH', `/api/sessions/${s.sessionId}/qa`, {
    cookie: s.moderator,
    payload,
  });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as { open: boolean; moderated: boolean };
}
