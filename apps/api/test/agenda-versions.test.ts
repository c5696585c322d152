/**
 * Published agenda versions: each publication freezes the agenda and records what changed
 * since the previous one (added, moved, changed, cancelled); the list is the public
 * changelog, newest first.
 */
import { describe, expect, it } from 'vitest';
import { createMeeting, signIn, useHarness } from './helpers.js';
import { addSession, at, sessionBody, signedInDelegate } from './agenda-helpers.js';
import { call } from './registration-helpers.js';

const h = useHarness();

type Change = { sessionId: string; title: string; change: string };

async function publish(cookie: string, slug: string, payload?: unknown, lang = 'en') {
  const res = await call(h, 'POST', `/api/meetings/${slug}/agenda/versions?lang=${lang}`, {
    cookie,
    ...(payload !== undefined ? { payload } : {}),
  });
  expect(res.statusCode, res.body).toBe(201);
  return res.json() as {
    version: number;
    name: string | null;
    publishedAt: string;
    changes: Change[];
  };
}

describe('agenda versions', () => {
  it('the first lists every session as added; later ones what moved, changed, was added or cancelled', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    const opening = await addSession(
      h,
      cookie,
      slug,
      sessionBody(meeting, 0, 1, { kind: 'ceremony', title: { en: 'Opening', ru: 'Открытие' } }),
    );
    const plenary = await addSession(
      h,
      cookie,
      slug,
      sessionBody(meeting, 1, 3, { title: { en: 'Plenary', ru: 'Пленарное' } }),
    );
    const panel = await addSession(
      h,
      cookie,
      slug,
      sessionBody(meeting, 3, 4, { kind: 'panel', title: 'Panel' }),
    );
    const side = await addSession(
      h,
      cookie,
      slug,
      sessionBody(meeting, 5, 6, { kind: 'side_event', title: 'Side event', room: 'Room 3' }),
    );
    const closing = await addSession(
      h,
      cookie,
      slug,
      sessionBody(meeting, 7, 8, { title: 'Closing' }),
    );

    const before = Date.now();
    const v1 = await publish(cookie, slug, { name: { en: 'First draft', ru: 'Первый проект' } });
    expect(v1).toMatchObject({ version: 1, name: 'First draft' });
    expect(Date.parse(v1.publishedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(v1.changes).toEqual(
      [opening, plenary, panel, side, closing].map((s) => ({
        sessionId: s.id,
        title: s.title,
        change: 'added',
      })),
    );

    // Moved (time), moved (room), changed (title), changed (kind), cancelled, added.
    const patch = async (id: string, payload: Record<string, unknown>) =>
      expect((await call(h, 'PATCH', `/api/sessions/${id}`, { cookie, payload })).statusCode).toBe(
        200,
      );
    await patch(opening.id, { startsAt: at(meeting, 0.25) });
    await patch(side.id, { room: 'Room 4' });
    await patch(plenary.id, { title: { en: 'Plenary on water' } });
    await patch(panel.id, { kind: 'workshop' });
    await patch(closing.id, { description: 'Not a change the changelog shows' });
    expect(
      (await call(h, 'POST', `/api/sessions/${closing.id}/cancel`, { cookie })).statusCode,
    ).toBe(200);
    const late = await addSession(
      h,
      cookie,
      slug,
      sessionBody(meeting, 8, 9, { title: 'Press conference', room: 'Press room' }),
    );
    // Added and cancelled before anyone saw it: not in the changelog.
    const ghost = await addSession(h, cookie, slug, sessionBody(meeting, 6, 7, { title: 'Ghost' }));
    await call(h, 'POST', `/api/sessions/${ghost.id}/cancel`, { cookie });

    const v2 = await publish(cookie, slug, { name: 'Final' }, 'ru');
    expect(v2).toMatchObject({ version: 2, name: 'Final' });
    expect(v2.changes).toEqual([
      { sessionId: opening.id, title: 'Открытие', change: 'moved' },
      { sessionId: plenary.id, title: 'Пленарное', change: 'changed' },
      { sessionId: panel.id, title: 'Panel', change: 'changed' },
      { sessionId: side.id, title: 'Side event', change: 'moved' },
      { sessionId: closing.id, title: 'Closing', change: 'cancelled' },
      { sessionId: late.id, title: 'Press conference', change: 'added' },
    ]);

    // Nothing since: an empty changelog, no name.
    const v3 = await publish(cookie, slug);
    expect(v3).toMatchObject({ version: 3, name: null, changes: [] });

    // The public changelog, newest first, in the reader's language.
    const list = await call(h, 'GET', `/api/meetings/${slug}/agenda/versions?lang=ru`);
    expect(list.statusCode).toBe(200);
    const items = list.json().items as {
      version: number;
      name: string | null;
      translations: { name: Record<string, string> };
      changes: Change[];
    }[];
    expect(items.map((v) => v.version)).toEqual([3, 2, 1]);
    expect(items.map((v) => v.name)).toEqual([null, 'Final', 'Первый проект']);
    expect(items[2]!.translations.name).toEqual({ en: 'First draft', ru: 'Первый проект' });
    expect(items[1]!.changes.find((c) => c.sessionId === plenary.id)!.title).toBe('Пленарное');
    expect(items[2]!.changes).toHaveLength(5);

    const audit = await call(h, 'GET', `/api/meetings/${slug}/audit`, { cookie });
    expect(
      (audit.json().items as { action: string }[]).filter((i) => i.action === 'agenda.published'),
    ).toHaveLength(3);
  });

  it('a session back after a cancellation, and a rename back and forth, measured against the last version', async () => {
    const { cookie, slug, meeting } = await createMeeting(h);
    const s = await addSession(h, cookie, slug, sessionBody(meeting, 1, 2, { title: 'Talk' }));
    await publish(cookie, slug);
    await call(h, 'PATCH', `/api/sessions/${s.id}`, { cookie, payload: { title: 'Talk 2' } });
    await call(h, 'PATCH', `/api/sessions/${s.id}`, { cookie, payload: { title: 'Talk' } });
    // Renamed and named back: nothing changed since version 1.
    expect((await publish(cookie, slug)).changes).toEqual([]);
    await call(h, 'PATCH', `/api/sessions/${s.id}`, {
      cookie,
      payload: { title: 'Talk 3', startsAt: at(meeting, 1.5) },
    });
    // One entry a session: moved wins over changed.
    expect((await publish(cookie, slug)).changes).toEqual([
      { sessionId: s.id, title: 'Talk 3', change: 'moved' },
    ]);
  });

  it('publishing is for organizers; the changelog is public for a published meeting, hidden for a draft', async () => {
    const { cookie, slug } = await createMeeting(h);
    const delegate = await signedInDelegate(h, slug);
    const url = `/api/meetings/${slug}/agenda/versions`;
    expect((await call(h, 'POST', url, { payload: {} })).statusCode).toBe(401);
    expect((await call(h, 'POST', url, { cookie: delegate.cookie, payload: {} })).statusCode).toBe(
      403,
    );
    expect(
      (await call(h, 'POST', url, { cookie, payload: { name: { xx1: 'bad' } } })).statusCode,
    ).toBe(400);
    expect((await call(h, 'GET', url)).json()).toEqual({ items: [] });
    await publish(cookie, slug, {});
    expect((await call(h, 'GET', url)).json().items).toHaveLength(1);

    const draft = await createMeeting(h, { slug: 'draft-meeting' }, false);
    const draftUrl = `/api/meetings/${draft.slug}/agenda/versions`;
    await publish(draft.cookie, draft.slug);
    const stranger = await signIn(h, 'stranger@example.org');
    expect((await call(h, 'GET', draftUrl)).statusCode).toBe(404);
    expect((await call(h, 'GET', draftUrl, { cookie: stranger })).statusCode).toBe(404);
    expect((await call(h, 'POST', draftUrl, { cookie: stranger, payload: {} })).statusCode).toBe(
      404,
    );
    expect((await call(h, 'GET', draftUrl, { cookie: draft.cookie })).json().items).toHaveLength(1);
  });
});
