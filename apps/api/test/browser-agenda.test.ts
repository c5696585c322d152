/**
 * The agenda pages in a browser: the demo meeting's agenda in English and Russian on a
 * desktop and a phone (nothing clipped or overflowing, axe clean), the filter and a
 * bookmark with JavaScript off, the organizer's session editor (and the room conflict it
 * names), and the list of speakers: the chair gives the floor and another delegate's page
 * sees it change live.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANIZER } from '@kengash/core';
import { axeReport, DESKTOP, layoutProblems, PHONE, useSite } from './browser-helpers.js';

const site = useSite();
const SLUG = 'rec-tashkent-next';

interface Session {
  id: string;
  title: string;
  kind: string;
  room: string | null;
  startsAt: string;
  endsAt: string;
  status: string;
  workingGroupCode: string | null;
}

async function api(
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  as?: string,
  payload?: object,
) {
  const res = await site.running.app.inject({
    method,
    url,
    headers: as ? { cookie: `kengash_session=${await site.sessionFor(as)}` } : {},
    ...(payload ? { payload } : {}),
  });
  return res;
}

/**
 * The demo agenda comes with the seed; a seed without one gets a small agenda of the same
 * shape here, so these pages are tried either way.
 */
async function ensureAgenda() {
  const meeting = (await api('GET', `/api/meetings/${SLUG}`)).json();
  const groups = (await api('GET', `/api/meetings/${SLUG}/working-groups`)).json().items as {
    code: string;
  }[];
  const day = (n: number, hh: number, mm = 0) =>
    new Date(
      Date.parse(meeting.startsAt) + n * 86_400_000 + ((hh - 9) * 60 + mm) * 60_000,
    ).toISOString();
  const plan = [
    {
      title: { en: 'Opening ceremony', ru: 'Церемония открытия' },
      kind: 'ceremony',
      startsAt: day(0, 9),
      endsAt: day(0, 10),
      room: 'Plenary hall',
    },
    {
      title: {
        en: 'Plenary: the state of the region',
        ru: 'Пленарное заседание: положение в регионе',
      },
      kind: 'plenary',
      startsAt: day(0, 10),
      endsAt: day(0, 12),
      room: 'Plenary hall',
    },
    {
      title: { en: 'Coffee break', ru: 'Кофе-брейк' },
      kind: 'break',
      startsAt: day(0, 12),
      endsAt: day(0, 12, 30),
    },
    ...groups.map((g, i) => ({
      title: { en: `Working group ${g.code}`, ru: `Рабочая группа ${g.code}` },
      kind: 'working_group',
      startsAt: day(0, 14),
      endsAt: day(0, 17),
      room: `Room ${i + 1}`,
      workingGroupCode: g.code,
    })),
    {
      title: { en: 'Closing plenary', ru: 'Заключительное пленарное заседание' },
      kind: 'plenary',
      startsAt: day(1, 9),
      endsAt: day(1, 11),
      room: 'Plenary hall',
    },
    {
      title: { en: 'Side event on data', ru: 'Параллельное мероприятие о данных' },
      kind: 'side_event',
      startsAt: day(1, 12),
      endsAt: day(1, 13),
      room: 'Room 1',
    },
  ];
  for (const body of plan) {
    const res = await api('POST', `/api/meetings/${SLUG}/sessions`, DEMO_ORGANIZER, body);
    expect(res.statusCode, res.body).toBe(201);
  }
}

let sessions: Session[] = [];
beforeAll(async () => {
  let res = await api('GET', `/api/meetings/${SLUG}/sessions?lang=en`);
  expect(res.statusCode, res.body).toBe(200);
  if (res.json().items.length === 0) {
    await ensureAgenda();
    res = await api('GET', `/api/meetings/${SLUG}/sessions?lang=en`);
  }
  sessions = res.json().items;
  expect(sessions.length).toBeGreaterThan(5);
}, 120_000);

async function shot(page: Page, name: string) {
  await page.screenshot({ path: `/tmp/agenda-${name}.png`, fullPage: true });
}

describe('the agenda', () => {
  for (const lang of ['en', 'ru'] as const)
    for (const [label, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const)
      it(`reads well in ${lang} on a ${label}`, async () => {
        const page = await site.page({ lang, viewport });
        await page.goto(`${site.base}/meetings/${SLUG}`);
        const items = page.locator('.agenda-item');
        expect(await items.count()).toBe(sessions.length);
        // Times in the meeting's zone, days as headings.
        expect(await page.locator('.agenda-day h3').count()).toBeGreaterThan(0);
        const first = sessions[0]!;
        // Tashkent is UTC+5 all year.
        const at = new Date(Date.parse(first.startsAt) + 5 * 3600_000);
        const hhmm = `${at.getUTCHours() % (lang === 'en' ? 12 : 24) || 12}:${String(at.getUTCMinutes()).padStart(2, '0')}`;
        expect(await items.first().locator('.agenda-time time').textContent()).toContain(hhmm);
        // Every session links to its page.
        expect(await items.first().locator('a').first().getAttribute('href')).toBe(
          `/meetings/${SLUG}/sessions/${first.id}`,
        );
        expect(
          await page
            .getByRole('link', { name: lang === 'en' ? 'Add to calendar' : 'Добавить в календарь' })
            .getAttribute('href'),
        ).toBe(`/api/meetings/${SLUG}/calendar.ics`);
        await page.locator('#agenda').screenshot({ path: `/tmp/agenda-${lang}-${label}.png` });
        expect(await layoutProblems(page)).toEqual([]);
        expect(await axeReport(page, `agenda ${lang} ${label}`)).toEqual([]);
      }, 120_000);

  it("adds the reader's own clock once the browser says where the reader is", async () => {
    const readerIn = async (timezoneId: string, expectSome: boolean) => {
      const context = await site.browser.newContext({ timezoneId, locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(`${site.base}/meetings/${SLUG}`, { waitUntil: 'networkidle' });
      if (expectSome) await page.locator('.reader-time').first().waitFor();
      else await page.waitForTimeout(1000);
      const times = await page.locator('.reader-time').allTextContents();
      await context.close();
      return times;
    };
    const first = sessions[0]!;
    const berlin = await readerIn('Europe/Berlin', true);
    expect(berlin).toHaveLength(sessions.length);
    const parts = new Intl.DateTimeFormat('en', {
      timeZone: 'Europe/Berlin',
      hour: 'numeric',
      minute: '2-digit',
    }).formatToParts(new Date(first.startsAt));
    const part = (type: string) => parts.find((p) => p.type === type)!.value;
    expect(berlin[0]).toContain(`${part('hour')}:${part('minute')}`);
    expect(berlin[0]).toContain('your time (Europe/Berlin)');
    // A reader in the meeting's own zone reads its times once.
    expect(await readerIn('Asia/Tashkent', false)).toEqual([]);
  }, 120_000);

  it('filters by working group and kind with JavaScript off', async () => {
    const page = await site.page({ javaScript: false, viewport: PHONE });
    await page.goto(`${site.base}/meetings/${SLUG}`);
    const withGroup = sessions.filter((s) => s.workingGroupCode);
    expect(withGroup.length).toBeGreaterThan(0);
    const code = withGroup[0]!.workingGroupCode!;
    await page.getByLabel('Working group', { exact: true }).selectOption(code);
    await Promise.all([
      page.waitForURL(/workingGroup=/),
      page.getByRole('button', { name: 'Show' }).click(),
    ]);
    const expected = sessions.filter((s) => s.workingGroupCode === code);
    expect(await page.locator('.agenda-item').count()).toBe(expected.length);
    expect(await page.locator('main').textContent()).toContain(
      `${expected.length} of ${sessions.length} sessions shown`,
    );
    // The kind narrows further, and the choice stays in the form.
    await page.getByLabel('Kind').selectOption(expected[0]!.kind);
    await Promise.all([
      page.waitForURL(/kind=/),
      page.getByRole('button', { name: 'Show' }).click(),
    ]);
    expect(await page.getByLabel('Working group', { exact: true }).inputValue()).toBe(code);
    expect(await page.locator('.agenda-item').count()).toBe(
      expected.filter((s) => s.kind === expected[0]!.kind).length,
    );
    await page.getByRole('link', { name: 'Show the whole agenda' }).click();
    expect(await page.locator('.agenda-item').count()).toBe(sessions.length);
  }, 120_000);

  it('lets a delegate bookmark a session with JavaScript off', async () => {
    const email = 'bookmarker@example.org';
    await site.register(SLUG, { email, fullName: 'Malika Bookmark' });
    const page = await site.page({ javaScript: false, signedInAs: email });
    await page.goto(`${site.base}/meetings/${SLUG}`);
    const target = sessions.find((s) => s.status !== 'cancelled' && s.kind !== 'break')!;
    const row = page.locator(`#s-${target.id}`);
    await Promise.all([
      page.waitForURL(new RegExp(`#s-${target.id}`)),
      row.getByRole('button', { name: /Bookmark/ }).click(),
    ]);
    await expect
      .poll(() => row.getByRole('button').first().textContent())
      .toContain('Remove bookmark');
    const mine = await api('GET', `/api/me/agenda?meeting=${SLUG}`, email);
    expect(mine.statusCode, mine.body).toBe(200);
    expect(mine.json().items.map((s: Session) => s.id)).toEqual([target.id]);
    // The private feed's address is on the page (folded under its heading) and carries it.
    await page.locator('#subscribe summary').click();
    const feedUrl = await page.locator('#feed-url').inputValue();
    expect(feedUrl).toMatch(/^http/);
    expect(
      await page.getByRole('link', { name: 'Subscribe in my calendar app' }).getAttribute('href'),
    ).toBe(feedUrl.replace(/^https?:/, 'webcal:'));
    const feed = await fetch(feedUrl);
    expect(feed.status).toBe(200);
    expect((await feed.text()).replace(/\r\n[ \t]/g, '')).toContain(target.title);
    // The same agenda on her phone, with JavaScript: the same address (her subscription
    // keeps working), laid out, axe clean.
    const phone = await site.page({ signedInAs: email, viewport: PHONE });
    await phone.goto(`${site.base}/meetings/${SLUG}`);
    await phone.locator('#subscribe summary').click();
    expect(await phone.locator('#feed-url').inputValue()).toBe(feedUrl);
    const top = await phone.evaluate(
      () => document.querySelector('#agenda')!.getBoundingClientRect().top + window.scrollY,
    );
    await phone.screenshot({
      path: '/tmp/agenda-delegate-phone.png',
      fullPage: true,
      clip: { x: 0, y: top, width: PHONE.width, height: 1100 },
    });
    expect(await layoutProblems(phone)).toEqual([]);
    expect(await axeReport(phone, 'agenda of a delegate')).toEqual([]);
    expect((await fetch(feedUrl)).status).toBe(200);

    // A new address warns first; declining keeps the current one.
    const rotate = phone.getByRole('button', { name: 'Get a new address' });
    expect(await rotate.getAttribute('aria-describedby')).toBe('feed-rotate-hint');
    expect(await phone.locator('#feed-rotate-hint').textContent()).toContain('stops');
    phone.once('dialog', (d) => void d.dismiss());
    await rotate.click();
    expect(await phone.locator('#feed-url').inputValue()).toBe(feedUrl);
    expect((await fetch(feedUrl)).status).toBe(200);
    // Accepted, the page shows the new address; the old one answers 404 from then on.
    phone.once('dialog', (d) => void d.accept());
    await rotate.click();
    await phone.getByRole('status').filter({ hasText: 'Your new address' }).waitFor();
    const newUrl = await phone.locator('#feed-url').inputValue();
    expect(newUrl).not.toBe(feedUrl);
    expect((await fetch(feedUrl)).status).toBe(404);
    expect((await fetch(newUrl)).status).toBe(200);
    expect(await axeReport(phone, 'agenda of a delegate, new feed address')).toEqual([]);
    // Without JavaScript too, the page now shows the new address.
    await page.goto(`${site.base}/meetings/${SLUG}`);
    expect(await page.locator('#feed-url').inputValue()).toBe(newUrl);
    await page.goto(`${site.base}/meetings/${SLUG}`);
    await row.getByRole('button', { name: /Remove bookmark/ }).click();
    await page.waitForLoadState();
    const after = await api('GET', `/api/me/agenda?meeting=${SLUG}`, email);
    expect(after.json().items).toEqual([]);
  }, 120_000);
});

describe('the agenda editor', () => {
  it('creates a session in both languages and names the session that holds a room', async () => {
    const page = await site.page({ signedInAs: DEMO_ORGANIZER });
    await page.goto(`${site.base}/meetings/${SLUG}/manage/agenda`);
    expect(await page.locator('.agenda-item').count()).toBe(sessions.length);
    await shot(page, 'console-agenda');
    await page.getByRole('link', { name: 'New session' }).click();
    await page.waitForURL(/agenda\/new/);
    const busy = sessions.find((s) => s.room && s.status !== 'cancelled')!;
    const local = (iso: string) =>
      new Date(Date.parse(iso) + 5 * 3600_000).toISOString().slice(0, 16); // Tashkent, UTC+5
    await page.getByLabel('Title in English').fill('Briefing on water statistics');
    await page.getByLabel('Title in Russian').fill('Брифинг по статистике водных ресурсов');
    await page.getByLabel('Kind').selectOption('side_event');
    await page.getByLabel('Starts').fill(local(busy.startsAt));
    await page.getByLabel('Ends').fill(local(busy.endsAt));
    await page.getByLabel(/^Room/).fill(busy.room!);
    // Said before saving, and again by the API when saved anyway.
    await expect.poll(() => page.locator('.room-conflict').textContent()).toContain(busy.title);
    await page.getByRole('button', { name: 'Create the session' }).click();
    await expect.poll(() => page.locator('#s-room-error').textContent()).toContain(busy.title);
    await shot(page, 'editor-conflict');

    await page.getByLabel(/^Room/).fill('Side room 7');
    await Promise.all([
      page.waitForURL(/manage\/agenda\/[0-9a-f-]{36}\?saved=created/),
      page.getByRole('button', { name: 'Create the session' }).click(),
    ]);
    const id = /agenda\/([0-9a-f-]{36})/.exec(page.url())![1]!;
    const created = await api('GET', `/api/sessions/${id}?lang=ru`);
    expect(created.json()).toMatchObject({
      title: 'Брифинг по статистике водных ресурсов',
      kind: 'side_event',
      room: 'Side room 7',
      startsAt: new Date(busy.startsAt).toISOString().replace('.000', '.000'),
    });
    expect(await layoutProblems(page)).toEqual([]);
    await page.setViewportSize(PHONE);
    await shot(page, 'editor-phone');
    expect(await layoutProblems(page)).toEqual([]);
    expect(await axeReport(page, 'session editor')).toEqual([]);

    const ru = await site.page({ lang: 'ru', viewport: PHONE });
    await ru.goto(`${site.base}/meetings/${SLUG}`);
    expect(await ru.locator(`#s-${id}`).textContent()).toContain(
      'Брифинг по статистике водных ресурсов',
    );
  }, 120_000);
});

describe('in Russian on a phone', () => {
  it('the session page with its speakers, and the editor of a session', async () => {
    const withSpeakers = sessions.find((s) => s.kind === 'plenary') ?? sessions[0]!;
    const page = await site.page({ lang: 'ru', viewport: PHONE });
    await page.goto(`${site.base}/meetings/${SLUG}/sessions/${withSpeakers.id}`);
    expect(await page.locator('main').textContent()).toContain('Список выступающих');
    expect(await page.locator('main').textContent()).toContain('Добавить в календарь');
    // The video link is for confirmed delegates and staff, never the public.
    expect(await page.locator('main').textContent()).not.toContain(
      'Подключиться к видеоконференции',
    );
    await shot(page, 'session-ru-phone');
    expect(await layoutProblems(page)).toEqual([]);
    expect(await axeReport(page, 'session ru phone')).toEqual([]);

    // Unknown sessions, and sessions asked for under another meeting, are not found.
    expect((await page.goto(`${site.base}/meetings/${SLUG}/sessions/nope`))!.status()).toBe(404);
    expect(
      (await page.goto(
        `${site.base}/meetings/rec-tashkent-2024-11/sessions/${withSpeakers.id}`,
      ))!.status(),
    ).toBe(404);
    await page.goto(`${site.base}/meetings/${SLUG}/sessions/${withSpeakers.id}`);

    const editor = await site.page({ lang: 'ru', viewport: PHONE, signedInAs: DEMO_ORGANIZER });
    await editor.goto(`${site.base}/meetings/${SLUG}/manage/agenda/${withSpeakers.id}`);
    expect(await editor.getByLabel('Название (английский)').inputValue()).toBe(withSpeakers.title);
    // A speaker added in an empty row, saved without JavaScript's help, shows on the page.
    const rows = await editor.locator('.speaker-row').count();
    await editor.locator(`#sp-name_${rows - 2}`).fill('Гульнара Новая');
    await editor.locator(`#sp-role_${rows - 2}`).selectOption('panelist');
    await editor.getByRole('button', { name: 'Сохранить выступающих' }).click();
    await editor.waitForURL(/saved=speakers/);
    await shot(editor, 'editor-ru-phone');
    expect(await layoutProblems(editor)).toEqual([]);
    expect(await axeReport(editor, 'editor ru phone')).toEqual([]);
    await page.reload();
    expect(await page.locator('.speakers').textContent()).toContain('Гульнара Новая');
    expect(await page.locator('.speakers').textContent()).toContain('Участник панели');
  }, 120_000);
});

describe('agenda versions', () => {
  it('publishes versions; the meeting page shows the changelog and a cancelled session struck', async () => {
    const before = (await api('GET', `/api/meetings/${SLUG}/agenda/versions`)).json().items
      .length as number;
    const page = await site.page({ signedInAs: DEMO_ORGANIZER, javaScript: false });
    await page.goto(`${site.base}/meetings/${SLUG}/manage/agenda`);
    await page.getByLabel('Name of the version in English').fill('As sent to delegations');
    await page.getByLabel('Name of the version in Russian').fill('Как разослано делегациям');
    await page.getByRole('button', { name: 'Publish a version' }).click();
    await page.waitForURL(/saved=published/);
    expect(await page.locator('[role="status"]').textContent()).toContain(
      'A new version of the agenda is published',
    );

    const victim = [...sessions]
      .reverse()
      .find((s) => !['plenary', 'break'].includes(s.kind) && s.status !== 'cancelled')!;
    await page.goto(`${site.base}/meetings/${SLUG}/manage/agenda/${victim.id}`);
    await page.getByRole('button', { name: 'Cancel the session' }).click();
    await page.waitForURL(/saved=cancelled/);
    await page.goto(`${site.base}/meetings/${SLUG}/manage/agenda`);
    await page.getByRole('button', { name: 'Publish a version' }).click();
    await page.waitForURL(/saved=published/);

    const ru = await site.page({ lang: 'ru', viewport: PHONE });
    await ru.goto(`${site.base}/meetings/${SLUG}`);
    const row = ru.locator(`#s-${victim.id}`);
    expect(await row.locator('del').count()).toBe(1);
    expect(await row.textContent()).toContain('Отменено');
    const changes = ru.locator('.agenda-changes');
    const versions = await changes.locator('.version').allTextContents();
    expect(versions).toHaveLength(before + 2);
    // Newest first: the cancellation, then the version before it with its name in Russian.
    expect(versions[0]).toContain(`Версия ${before + 2}`);
    expect(versions[0]).toContain('Отменено');
    expect(versions[1]).toContain(`Версия ${before + 1}: Как разослано делегациям`);
    await changes.screenshot({ path: '/tmp/agenda-changelog-ru-phone.png' });
    expect(await layoutProblems(ru)).toEqual([]);
    expect(await axeReport(ru, 'agenda with changelog')).toEqual([]);
  }, 120_000);
});

describe('the list of speakers', () => {
  it('the chair gives the floor and another delegate sees it live', async () => {
    const target = sessions.find((s) => s.status !== 'cancelled' && s.kind === 'plenary')!;
    const url = `${site.base}/meetings/${SLUG}/sessions/${target.id}`;
    await site.register(SLUG, { email: 'speaker.one@example.org', fullName: 'Aziza Speaker' });
    await site.register(SLUG, { email: 'watcher@example.org', fullName: 'Bakhtiyor Watcher' });

    // The speaker asks for the floor with the form, JavaScript off.
    const speaker = await site.page({ javaScript: false, signedInAs: 'speaker.one@example.org' });
    await speaker.goto(url);
    await speaker.getByLabel('Statement').check();
    await speaker.getByRole('button', { name: 'Request the floor' }).click();
    await speaker.waitForLoadState();
    expect(await speaker.locator('.floor-mine').textContent()).toContain('number 1');
    await shot(speaker, 'speaker-waiting');

    // Another delegate watches, live, on a phone.
    const watcher = await site.page({ signedInAs: 'watcher@example.org', viewport: PHONE });
    await watcher.goto(url);
    await watcher.locator('.live-dot').waitFor();
    const asWatcher = (
      await api('GET', `/api/sessions/${target.id}`, 'watcher@example.org')
    ).json();
    expect(asWatcher.onlineUrl).toMatch(/^https:/);
    expect(
      await watcher.getByRole('link', { name: 'Join the video meeting' }).getAttribute('href'),
    ).toBe(asWatcher.onlineUrl);
    expect(await watcher.locator('.queue').textContent()).toContain('Aziza Speaker');
    expect(await watcher.locator('.floor-current').textContent()).not.toContain('Aziza Speaker');

    // The chair, on a tablet.
    const chair = await site.page({
      signedInAs: DEMO_ORGANIZER,
      viewport: { width: 768, height: 1024 },
    });
    // The chair finds the session in the console's "Floor" tab.
    await chair.goto(`${site.base}/meetings/${SLUG}/manage`);
    await chair.getByRole('link', { name: 'Floor', exact: true }).click();
    await chair.waitForURL(/manage\/floor/);
    expect(await axeReport(chair, 'floor tab')).toEqual([]);
    await chair.locator(`a[href$="/sessions/${target.id}#floor"]`).click();
    await chair.waitForURL(new RegExp(`/sessions/${target.id}`));
    await chair.locator('.live-dot').waitFor();
    await chair.getByRole('button', { name: 'Give the floor to the next' }).click();
    await expect
      .poll(() => watcher.locator('.floor-current').textContent(), { timeout: 15_000 })
      .toContain('Aziza Speaker');
    expect(await watcher.locator('[aria-live="polite"]').first().textContent()).toContain(
      'Aziza Speaker has the floor',
    );
    await expect
      .poll(() => chair.locator('.floor-current').textContent())
      .toContain('Aziza Speaker');
    expect(await chair.locator('[role="timer"]').textContent()).toMatch(/^\d+:\d\d$/);
    // The watcher asks for a right of reply (with JavaScript: no reload), a statement comes
    // in after it and goes ahead of it, the chair moves the reply back up and closes the list.
    await watcher.getByLabel('Right of reply').check();
    await watcher.getByRole('button', { name: 'Request the floor' }).click();
    await expect.poll(() => watcher.locator('.floor-mine').textContent()).toContain('number 1');
    await site.register(SLUG, { email: 'speaker.two@example.org', fullName: 'Zarina Second' });
    const second = await api(
      'POST',
      `/api/sessions/${target.id}/floor`,
      'speaker.two@example.org',
      {
        kind: 'statement',
      },
    );
    expect(second.statusCode, second.body).toBe(201);
    await expect.poll(() => watcher.locator('.floor-mine').textContent()).toContain('number 2');
    await expect.poll(() => chair.locator('.queue-item').count()).toBe(2);
    await chair.getByRole('button', { name: 'Move Bakhtiyor Watcher up' }).click();
    await expect.poll(() => watcher.locator('.floor-mine').textContent()).toContain('number 1');
    await chair.getByRole('button', { name: 'Close the list' }).click();
    await expect.poll(() => watcher.locator('.floor-state').textContent()).toContain('List closed');
    // The watcher withdraws; the chair's list shortens live.
    await watcher.getByRole('button', { name: 'Withdraw my request' }).click();
    await expect.poll(() => chair.locator('.queue-item').count()).toBe(1);
    expect(await chair.locator('.queue').textContent()).not.toContain('Bakhtiyor Watcher');
    await shot(chair, 'chair-tablet');
    await shot(watcher, 'watcher-phone');
    expect(await layoutProblems(chair)).toEqual([]);
    expect(await layoutProblems(watcher)).toEqual([]);
    expect(await axeReport(chair, 'chair console')).toEqual([]);
    expect(await axeReport(watcher, 'session page')).toEqual([]);

    // The chair's console in Russian on a phone.
    const ru = await site.page({ lang: 'ru', viewport: PHONE, signedInAs: DEMO_ORGANIZER });
    await ru.goto(url);
    await ru.locator('.live-dot').waitFor();
    expect(await ru.locator('.floor').textContent()).toContain('Пульт председателя');
    await ru.locator('.floor').screenshot({ path: '/tmp/agenda-floor-ru-phone.png' });
    expect(await layoutProblems(ru)).toEqual([]);
    expect(await axeReport(ru, 'chair console ru')).toEqual([]);
  }, 120_000);
});
