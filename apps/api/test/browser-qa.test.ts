/**
 * The live Q&A in a browser: a question asked elsewhere appears on the session page
 * without a reload; a delegate asks with JavaScript off and sees her own question awaiting
 * moderation; the moderator approves it on the board and her open page shows it approved;
 * the pinned question on the projector view at 1920×1080; the panel and the board clean
 * for axe and free of layout problems in English and Russian on a desktop and a phone.
 */
import type { Page } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { DEMO_ORGANIZER } from '@kengash/core';
import { axeReport, DESKTOP, layoutProblems, PHONE, useSite } from './browser-helpers.js';

const site = useSite();
const SLUG = 'rec-tashkent-next';
const ASKER = 'malika.asker@example.org';
const OTHER = 'timur.other@example.org';

async function api(method: 'GET' | 'POST' | 'PATCH', url: string, as?: string, payload?: object) {
  return site.running.app.inject({
    method,
    url,
    headers: as ? { cookie: `kengash_session=${await site.sessionFor(as)}` } : {},
    ...(payload ? { payload } : {}),
  });
}

/** A plenary of the demo agenda, or one made for this test if the seed has none. */
async function plenary(): Promise<string> {
  const res = await api('GET', `/api/meetings/${SLUG}/sessions?lang=en`);
  expect(res.statusCode, res.body).toBe(200);
  const found = (
    res.json().items as { id: string; kind: string; status: string; qaEnabled: boolean }[]
  ).find((s) => s.kind === 'plenary' && s.status !== 'cancelled' && s.qaEnabled);
  if (found) return found.id;
  const meeting = (await api('GET', `/api/meetings/${SLUG}`)).json();
  const created = await api('POST', `/api/meetings/${SLUG}/sessions`, DEMO_ORGANIZER, {
    title: { en: 'Plenary', ru: 'Пленарное заседание' },
    kind: 'plenary',
    startsAt: meeting.startsAt,
    endsAt: new Date(Date.parse(meeting.startsAt) + 3_600_000).toISOString(),
  });
  expect(created.statusCode, created.body).toBe(201);
  return created.json().id;
}

let sessionId = '';
let sessionPath = '';

beforeAll(async () => {
  sessionId = await plenary();
  sessionPath = `/meetings/${SLUG}/sessions/${sessionId}`;
  await site.register(SLUG, { email: ASKER, fullName: 'Malika Asker' });
  await site.register(SLUG, { email: OTHER, fullName: 'Timur Other' });
  const open = await api('PATCH', `/api/sessions/${sessionId}/qa`, DEMO_ORGANIZER, {
    open: true,
    moderated: false,
  });
  expect(open.statusCode, open.body).toBe(200);
});

const qaPanel = (page: Page) => page.locator('#qa');
const item = (page: Page, text: string) => page.locator('#qa .qa-item').filter({ hasText: text });

describe('the live Q&A pages', () => {
  it('shows a question asked elsewhere on the session page, live', async () => {
    const page = await site.page({ signedInAs: ASKER });
    await page.goto(`${site.base}${sessionPath}`);
    await qaPanel(page).locator('.live-mark').waitFor();
    await page.evaluate(() => Object.assign(window, { notReloaded: true }));

    const text = 'How will the new rules on mutual legal assistance be monitored?';
    const asked = await api('POST', `/api/sessions/${sessionId}/questions`, OTHER, { text });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().status).toBe('approved');

    await item(page, text).waitFor({ timeout: 10_000 });
    await expect
      .poll(() => qaPanel(page).locator('[aria-live="polite"]').textContent())
      .toContain(text);
    expect(await item(page, text).textContent()).toContain('Timur Other');
    // She supports it: the button says so and the tally shows her vote.
    await item(page, text)
      .getByRole('button', { name: /^Support/ })
      .click();
    await expect
      .poll(() => item(page, text).locator('button').getAttribute('aria-pressed'))
      .toBe('true');
    await expect.poll(() => item(page, text).locator('.qa-count-n').textContent()).toBe('1');
    expect(await page.evaluate(() => (window as { notReloaded?: boolean }).notReloaded)).toBe(true);
  });

  it('lets a delegate ask without JavaScript; the moderator approves on the board and her page shows it', async () => {
    const moderated = await api('PATCH', `/api/sessions/${sessionId}/qa`, DEMO_ORGANIZER, {
      moderated: true,
    });
    expect(moderated.statusCode, moderated.body).toBe(200);

    // Without JavaScript: an empty question is refused by the page, in words.
    const plain = await site.page({ signedInAs: ASKER, javaScript: false });
    await plain.goto(`${site.base}${sessionPath}`);
    await plain.getByRole('button', { name: 'Send the question' }).click();
    await plain.locator('#qa-text-error').waitFor();
    expect(await plain.locator('#qa-text-error').textContent()).toContain('Write your question');

    const text = 'Could the secretariat publish the interpretation schedule in advance?';
    await plain.getByLabel('Your question').fill(text);
    await plain.getByLabel('Ask anonymously').check();
    await plain.getByRole('button', { name: 'Send the question' }).click();
    await plain.waitForURL(/\?asked=pending#qa$/);
    expect(await plain.locator('#qa .notice-success').textContent()).toContain('awaits moderation');
    const mine = item(plain, text);
    await mine.waitFor();
    expect(await mine.textContent()).toContain('Awaiting moderation');
    expect(await mine.textContent()).toContain('Your question');
    await plain.screenshot({ path: '/tmp/qa-nojs-pending.png', fullPage: true });

    // Another delegate does not see it.
    const other = await api('GET', `/api/sessions/${sessionId}/questions`, OTHER);
    expect(JSON.stringify(other.json())).not.toContain(text);

    // Her page with JavaScript, open while the moderator works.
    const live = await site.page({ signedInAs: ASKER });
    await live.goto(`${site.base}${sessionPath}`);
    await qaPanel(live).locator('.live-mark').waitFor();
    expect(await item(live, text).textContent()).toContain('Awaiting moderation');

    // The moderator's board, linked from the session page.
    const board = await site.page({ signedInAs: DEMO_ORGANIZER });
    await board.goto(`${site.base}${sessionPath}`);
    await board.getByRole('link', { name: 'Moderate the questions' }).click();
    await board.waitForURL(/\/moderate$/);
    await board.locator('.live-mark').waitFor();
    const pending = board.locator('#pending li').filter({ hasText: text });
    // Moderators see who asked, and that she asked anonymously.
    expect(await pending.textContent()).toContain('Malika Asker, anonymous to the room');
    await pending.getByRole('button', { name: /^Approve/ }).click();
    await board.locator('#approved li').filter({ hasText: text }).waitFor();

    await expect
      .poll(() => item(live, text).textContent(), { timeout: 10_000 })
      .not.toContain('Awaiting moderation');
    expect(await item(live, text).textContent()).toContain('You, anonymous to the room');
    await expect
      .poll(() => qaPanel(live).locator('[aria-live="polite"]').textContent())
      .toContain('Your question was approved');

    // Pinned on the board, first on her page.
    await board
      .locator('#approved li')
      .filter({ hasText: text })
      .getByRole('button', { name: /^Pin/ })
      .click();
    await expect
      .poll(() => live.locator('#qa .qa-item').first().textContent(), { timeout: 10_000 })
      .toContain('Pinned');
    expect(await live.locator('#qa .qa-item').first().textContent()).toContain(text);
    await board.screenshot({ path: '/tmp/qa-board-en.png', fullPage: true });

    // The moderator closes the questions: her page says so instead of the form, live.
    await board.getByRole('button', { name: 'Close the questions' }).click();
    await board.getByRole('button', { name: 'Open the questions' }).waitFor();
    await expect
      .poll(() => qaPanel(live).textContent(), { timeout: 10_000 })
      .toContain('The questions are closed for this session.');
    expect(await live.locator('#qa-text').count()).toBe(0);
    await expect
      .poll(() => qaPanel(live).locator('[aria-live="polite"]').textContent())
      .toContain('Questions are closed.');
    // Without JavaScript too.
    await plain.goto(`${site.base}${sessionPath}`);
    expect(await qaPanel(plain).textContent()).toContain('closed for this session');
    await board.getByRole('button', { name: 'Open the questions' }).click();
    await board.getByRole('button', { name: 'Close the questions' }).waitFor();
    await live.locator('#qa-text').waitFor({ timeout: 10_000 });
  });

  it('shows the public the approved questions and the way to sign in, never a pending one', async () => {
    const pendingText = 'A question the room must not see before moderation';
    const asked = await api('POST', `/api/sessions/${sessionId}/questions`, OTHER, {
      text: pendingText,
    });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json().status).toBe('pending');
    const page = await site.page({ javaScript: false });
    await page.goto(`${site.base}${sessionPath}`);
    const panel = await qaPanel(page).textContent();
    expect(panel).toContain('mutual legal assistance');
    expect(panel).not.toContain(pendingText);
    expect(panel).not.toContain('Malika Asker');
    expect(await qaPanel(page).locator('form').count()).toBe(0);
    await qaPanel(page).getByRole('link', { name: 'Sign in to ask a question' }).waitFor();
  });

  it('shows the pinned question large on the projector view at 1920×1080, live', async () => {
    const screen = await site.page({
      signedInAs: DEMO_ORGANIZER,
      viewport: { width: 1920, height: 1080 },
    });
    await screen.goto(`${site.base}${sessionPath}/screen`);
    await screen.locator('.screen').waitFor();
    // No navigation chrome.
    expect(await screen.locator('header.site-header, nav, footer').count()).toBe(0);
    const pinned = screen.locator('.pinned');
    expect(await pinned.textContent()).toContain('interpretation schedule');
    // Asked anonymously: the room never sees her name, even on a moderator's screen.
    expect(await screen.locator('.screen').textContent()).not.toContain('Malika Asker');
    const size = await pinned
      .locator('p')
      .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(size).toBeGreaterThanOrEqual(56);
    expect(await screen.locator('.qr svg').count()).toBe(1);
    // The pinned question fits on the screen.
    const box = (await pinned.boundingBox())!;
    expect(box.y + box.height).toBeLessThanOrEqual(1080);

    // A delegate takes the floor: the speaker and the timer appear without a reload.
    const req = await api('POST', `/api/sessions/${sessionId}/floor`, OTHER, {
      kind: 'statement',
    });
    expect(req.statusCode, req.body).toBe(201);
    const next = await api('POST', `/api/sessions/${sessionId}/floor/next`, DEMO_ORGANIZER);
    expect(next.statusCode, next.body).toBe(200);
    await expect
      .poll(() => screen.locator('.speaker').textContent(), { timeout: 10_000 })
      .toContain('Timur Other');
    await screen.locator('.speaker [role="timer"]').waitFor();
    await screen.screenshot({ path: '/tmp/qa-screen-1920.png' });
    expect(await axeReport(screen, 'projector view')).toEqual([]);
    expect(await layoutProblems(screen)).toEqual([]);

    const ru = await site.page({ lang: 'ru', viewport: { width: 1920, height: 1080 } });
    await ru.goto(`${site.base}${sessionPath}/screen`);
    expect(await ru.locator('.pinned').textContent()).toContain('interpretation schedule');
    expect(await ru.locator('.screen-label').first().textContent()).toContain('Вопросы');
    await ru.screenshot({ path: '/tmp/qa-screen-1920-ru.png' });
    expect(await axeReport(ru, 'projector view RU')).toEqual([]);
  });

  for (const lang of ['en', 'ru'] as const)
    for (const [label, viewport] of [
      ['desktop', DESKTOP],
      ['phone', PHONE],
    ] as const)
      it(`keeps the panel and the board clean in ${lang} on a ${label}`, async () => {
        const page = await site.page({ lang, viewport, signedInAs: ASKER });
        await page.goto(`${site.base}${sessionPath}`);
        await qaPanel(page).locator('.live-mark').waitFor();
        await qaPanel(page).scrollIntoViewIfNeeded();
        await qaPanel(page).screenshot({ path: `/tmp/qa-panel-${lang}-${label}.png` });
        expect(await layoutProblems(page)).toEqual([]);
        expect(await axeReport(page, `Q&A panel ${lang} ${label}`)).toEqual([]);

        const board = await site.page({ lang, viewport, signedInAs: DEMO_ORGANIZER });
        await board.goto(`${site.base}${sessionPath}/moderate`);
        await board.locator('.live-mark').waitFor();
        await board.screenshot({ path: `/tmp/qa-board-${lang}-${label}.png`, fullPage: true });
        expect(await layoutProblems(board)).toEqual([]);
        expect(await axeReport(board, `Q&A board ${lang} ${label}`)).toEqual([]);
      });
});
