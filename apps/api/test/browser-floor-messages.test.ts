/**
 * The floor's refusals in the reader's language: the API says them in English, the session
 * page in Russian says them in Russian — the list closed while the page was open, a second
 * request from another tab, the chair giving the floor when nobody has asked.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANIZER } from '@kengash/core';
import { PHONE, useSite } from './browser-helpers.js';

const site = useSite();
const SLUG = 'rec-tashkent-next';

async function api(method: 'GET' | 'POST' | 'PATCH', url: string, as?: string, payload?: object) {
  return site.running.app.inject({
    method,
    url,
    headers: as ? { cookie: `kengash_session=${await site.sessionFor(as)}` } : {},
    ...(payload ? { payload } : {}),
  });
}

/** A session of its own for this test, so that its list of speakers starts empty. */
async function freshSession(): Promise<string> {
  const meeting = (await api('GET', `/api/meetings/${SLUG}`)).json();
  const endsAt = Date.parse(meeting.endsAt);
  const created = await api('POST', `/api/meetings/${SLUG}/sessions`, DEMO_ORGANIZER, {
    title: { en: 'Side event on refusals', ru: 'Параллельное мероприятие об отказах' },
    kind: 'side_event',
    startsAt: new Date(endsAt - 3_600_000).toISOString(),
    endsAt: new Date(endsAt).toISOString(),
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

describe('the floor refuses in the reader’s language', () => {
  it('says in Russian that the list is closed, that she has asked already, that nobody has', async () => {
    const sessionId = await freshSession();
    const url = `${site.base}/meetings/${SLUG}/sessions/${sessionId}`;
    await site.register(SLUG, { email: 'ru.delegate@example.org', fullName: 'Гульнара Делегат' });
    const request = (page: Awaited<ReturnType<typeof site.page>>) =>
      page.locator('form[action$="?/request"]').getByRole('button');
    const alert = (page: Awaited<ReturnType<typeof site.page>>) =>
      page.locator('#floor [role="alert"]').textContent();

    // Two tabs, JavaScript off: the first asks, the second (still showing the button) too.
    const options = {
      lang: 'ru' as const,
      javaScript: false,
      viewport: PHONE,
      signedInAs: 'ru.delegate@example.org',
    };
    const first = await site.page(options);
    first.setDefaultTimeout(10_000);
    const second = await site.page(options);
    second.setDefaultTimeout(10_000);
    await first.goto(url);
    await second.goto(url);
    await request(first).click();
    await first.waitForLoadState();
    expect(await first.locator('.floor-mine').textContent()).toContain('1');
    await request(second).click();
    await second.waitForLoadState();
    expect(await alert(second)).toBe('Вы уже попросили слово; дождитесь своей очереди.');

    // The chair opens the session in Russian while she waits; she withdraws; the chair's
    // page, from before, gives the floor to the next: nobody has asked.
    const chair = await site.page({ lang: 'ru', javaScript: false, signedInAs: DEMO_ORGANIZER });
    chair.setDefaultTimeout(10_000);
    await chair.goto(url);
    await first.getByRole('button', { name: 'Отозвать заявку' }).click();
    await first.waitForLoadState();
    await chair.locator('form[action$="?/next"]').getByRole('button').click();
    await chair.waitForLoadState();
    expect(await alert(chair)).toBe('Никто не просил слова.');

    // The chair closes the list while her page is open; she asks again.
    const closed = await api('PATCH', `/api/sessions/${sessionId}/floor`, DEMO_ORGANIZER, {
      open: false,
    });
    expect(closed.statusCode, closed.body).toBe(200);
    await request(first).click();
    await first.waitForLoadState();
    expect(await alert(first)).toBe('Список выступающих закрыт.');
  }, 90_000);
});
