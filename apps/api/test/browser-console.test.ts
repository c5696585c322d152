/**
 * The organizer console in a browser: a meeting of 300 delegates, laid out at 1280 px and
 * 360 px in English and Russian with nothing clipped or overflowing; the check-in desk;
 * the meeting editor and the working groups; a new meeting from the UI.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { ADMIN, DESKTOP, PHONE, layoutProblems, useSite } from './browser-helpers.js';

const site = useSite();
const countries = ['UZ', 'KZ', 'KG', 'TJ', 'TM', 'AF', 'RU', 'DE'];

async function admin(method: 'POST' | 'PATCH', url: string, payload?: object) {
  const res = await site.running.app.inject({
    method,
    url,
    headers: { cookie: `kengash_session=${await site.sessionFor(ADMIN)}` },
    ...(payload ? { payload } : {}),
  });
  expect(res.statusCode, res.body).toBeLessThan(300);
  return res.json();
}

/** A published meeting of its own (open mode), so that no test shares another's seats. */
export async function meeting(slug: string, capacity: number) {
  await admin('POST', '/api/meetings', {
    slug,
    title: { en: `Council ${slug}`, ru: `Совет ${slug}` },
    city: 'Tashkent',
    country: 'UZ',
    timezone: 'Asia/Tashkent',
    startsAt: '2031-05-12T04:00:00Z',
    endsAt: '2031-05-13T13:00:00Z',
    capacity,
    registrationMode: 'open',
    languages: ['en', 'ru'],
  });
  await admin('POST', `/api/meetings/${slug}/publish`);
}

const CROWD = '/meetings/council-300/manage';

describe('the console of a meeting of 300 delegates', () => {
  beforeAll(async () => {
    await meeting('council-300', 280);
    await site.crowd(
      'council-300',
      Array.from({ length: 300 }, (_, i) => ({
        email: `delegate.${String(i).padStart(3, '0')}@ministry-of-foreign-affairs.example.org`,
        fullName: `Delegate Number ${i} Abdurakhmanova-Karimova`,
        organization:
          'Ministry of Foreign Affairs of the Republic, Department of Multilateral Cooperation',
        country: countries[i % countries.length],
        jobTitle: 'Head of Division',
        dietaryNeeds: i % 5 === 0 ? 'Vegetarian, no nuts' : undefined,
        needsVisaLetter: i % 7 === 0,
      })),
      280,
    );
  }, 120_000);

  for (const lang of ['en', 'ru'] as const)
    for (const viewport of [DESKTOP, PHONE])
      it(`lays every console page out at ${viewport.width} px in ${lang === 'en' ? 'English' : 'Russian'}: nothing clipped, nothing overflowing`, async () => {
        const page = await site.page({ lang, viewport, signedInAs: ADMIN });
        const problems: string[] = [];
        for (const path of [
          '',
          '/registrations',
          '/registrations?status=waitlisted',
          '/check-in',
          '/staff',
          '/settings',
        ]) {
          await page.goto(`${site.base}${CROWD}${path}`);
          expect(await page.locator('html').getAttribute('lang')).toBe(lang);
          for (const p of await layoutProblems(page)) problems.push(`${path || '/'}: ${p}`);
        }
        expect(problems).toEqual([]);
        await page.context().close();
      }, 120_000);

  it('finds what a cut button, a box drawn over another and a page too wide look like', async () => {
    // The checks above must be able to fail: break the layout on purpose and look again.
    const page = await site.page({ viewport: DESKTOP, signedInAs: ADMIN });
    await page.goto(`${site.base}${CROWD}/registrations`);
    await page.addStyleTag({
      content: `.row-actions .button { width: 3.2rem !important; overflow: hidden; }
        .stat-list div { display: grid; } main table { min-width: 1400px; }`,
    });
    const problems = (await layoutProblems(page)).join('\n');
    expect(problems).toMatch(/button\.button\.button-small "Approve|Cancel"? cuts its text/);
    expect(problems).toMatch(/the page scrolls sideways/);
    expect(problems).toMatch(/table\.registrations.* reaches out of the page/);
  }, 120_000);

  it('pages the list, 25 rows a page, and keeps the filter across pages', async () => {
    const page = await site.page({ signedInAs: ADMIN });
    await page.goto(`${site.base}${CROWD}/registrations`);
    expect(await page.locator('table.registrations tbody tr').count()).toBe(25);
    expect(await page.locator('caption').textContent()).toContain(
      '300 registrations · 1–25 of 300',
    );
    await Promise.all([
      page.waitForURL(/page=12/),
      page.getByRole('link', { name: 'Page 12' }).click(),
    ]);
    expect(await page.locator('table.registrations tbody tr').count()).toBe(25);
    expect(await page.locator('caption').textContent()).toContain('276–300 of 300');
    await page.goto(`${site.base}${CROWD}/registrations?status=waitlisted`);
    expect(await page.locator('caption').textContent()).toContain('20 registrations');
    expect(await page.locator('nav.pager').count()).toBe(0);
    await page.goto(`${site.base}${CROWD}/registrations?country=KG`);
    expect(await page.locator('caption').textContent()).toContain('38 registrations · 1–25 of 38');
    await Promise.all([
      page.waitForURL(/page=2/),
      page.getByRole('link', { name: 'Next' }).click(),
    ]);
    expect(new URL(page.url()).searchParams.get('country')).toBe('KG');
    expect(await page.locator('table.registrations tbody tr').count()).toBe(13);
  }, 120_000);
});

describe('the check-in desk', () => {
  it('says "already checked in at 12:14" on a second scan, and the delegate can no longer cancel herself', async () => {
    await meeting('desk', 10);
    const id = await site.register('desk', {
      email: 'aziza.desk@example.org',
      fullName: 'Aziza Desk',
    });
    const [row] = await site.running.app
      .inject({
        url: `/api/meetings/desk/registrations/me`,
        headers: { cookie: `kengash_session=${await site.sessionFor('aziza.desk@example.org')}` },
      })
      .then((r) => [r.json() as { checkInCode: string; id: string }]);
    expect(row!.id).toBe(id);

    const delegate = await site.page({ signedInAs: 'aziza.desk@example.org' });
    await delegate.goto(`${site.base}/meetings/desk/me`);
    expect(await delegate.getByRole('button', { name: 'Cancel registration' }).count()).toBe(1);

    const desk = await site.page({ signedInAs: ADMIN, javaScript: false });
    const scan = async () => {
      await desk.goto(`${site.base}/meetings/desk/manage/check-in`);
      await desk.getByLabel('Check-in code').fill(row!.checkInCode.toLowerCase());
      await Promise.all([
        desk.waitForLoadState(),
        desk.getByRole('button', { name: 'Check in' }).click(),
      ]);
    };
    await scan();
    expect(await desk.locator('.checkin-success').textContent()).toContain('Aziza Desk');
    expect(await desk.locator('.checkin-again').count()).toBe(0);
    const at = (
      await site.running.app.inject({
        url: `/api/meetings/desk/registrations/me`,
        headers: { cookie: `kengash_session=${await site.sessionFor('aziza.desk@example.org')}` },
      })
    ).json().checkedInAt as string;
    // The time as the meeting's zone (Asia/Tashkent, UTC+5) reads it.
    const local = new Intl.DateTimeFormat('en', {
      timeZone: 'Asia/Tashkent',
      hour: '2-digit',
      minute: '2-digit',
    }).format(new Date(at));

    await scan();
    expect(await desk.locator('.checkin-success').count()).toBe(0);
    const again = await desk.locator('.checkin-again').textContent();
    expect(again).toContain(`Already checked in at ${local}`);
    expect(again).toContain('Aziza Desk');

    await delegate.reload();
    expect(await delegate.getByRole('button', { name: 'Cancel registration' }).count()).toBe(0);
    expect(await delegate.locator('main').textContent()).toContain(
      'the registration desk can cancel',
    );
    // The secretariat still can.
    await desk.goto(`${site.base}/meetings/desk/manage/registrations`);
    expect(
      await desk.getByRole('button', { name: 'Cancel the registration of Aziza Desk' }).count(),
    ).toBe(1);
    expect(await desk.getByRole('button', { name: 'Check in Aziza Desk' }).count()).toBe(0);
  }, 120_000);
});

describe('the meeting editor', () => {
  it('edits the title in both languages and the window, refuses a capacity below the confirmed delegates with the API’s words, without JavaScript', async () => {
    await meeting('editor', 10);
    for (let i = 0; i < 3; i++)
      await site.register('editor', { email: `editor.${i}@example.org`, fullName: `Editor ${i}` });
    const page = await site.page({ signedInAs: ADMIN, javaScript: false });
    await page.goto(`${site.base}/meetings/editor/manage/settings`);
    await page.getByLabel('Title in Russian').fill('Совет экспертов в Ташкенте');
    await page.getByLabel('Description in English').fill('Two days on reintegration.');
    await page.getByLabel('Starts').fill('2031-05-12T09:00');
    await page.getByLabel('Ends', { exact: true }).fill('2031-05-13T18:00');
    await page.getByLabel('By approval').check();
    await page.getByLabel('At most per country').fill('2');
    await Promise.all([
      page.waitForURL(/saved=meeting/),
      page.getByRole('button', { name: 'Save the meeting' }).click(),
    ]);
    const saved = (await site.running.app.inject({ url: '/api/meetings/editor?lang=ru' })).json();
    expect(saved.title).toBe('Совет экспертов в Ташкенте');
    expect(saved.translations.title).toEqual({
      en: 'Council editor',
      ru: 'Совет экспертов в Ташкенте',
    });
    expect(saved.translations.description).toEqual({ en: 'Two days on reintegration.' });
    expect(saved.startsAt).toBe('2031-05-12T04:00:00.000Z');
    expect(saved.endsAt).toBe('2031-05-13T13:00:00.000Z');
    expect(saved.registrationMode).toBe('approval');
    expect(saved.maxPerCountry).toBe(2);

    // The same rules as the API, in the reader's words: the end before the start.
    await page.getByLabel('Ends', { exact: true }).fill('2031-05-11T18:00');
    await page.getByRole('button', { name: 'Save the meeting' }).click();
    expect(await page.locator('.error-summary').textContent()).toContain(
      'The end must come after the start',
    );

    // Below the three confirmed delegates: the seats engine's 409, which says how many.
    await page.goto(`${site.base}/meetings/editor/manage/settings`);
    await page.getByLabel('Seats', { exact: true }).fill('2');
    await page.getByRole('button', { name: 'Save the meeting' }).click();
    const summary = await page.locator('.error-summary').textContent();
    expect(summary).toContain('3 delegates are confirmed; the capacity cannot be lower than that');
    expect((await site.running.app.inject({ url: '/api/meetings/editor' })).json().capacity).toBe(
      10,
    );
  }, 120_000);

  it('adds, renames and removes working groups, and says the code holds at most 8 characters', async () => {
    await meeting('groups', 10);
    const page = await site.page({ signedInAs: ADMIN, javaScript: false });
    await page.goto(`${site.base}/meetings/groups/manage/settings`);
    const add = page.locator('form[action="?/addGroup"]');
    await add.getByLabel('Code').fill('TOOLONGCODE');
    await add.getByLabel('Name in English').fill('Accountability');
    await add.getByRole('button', { name: 'Add' }).click();
    expect(await page.locator('#wg-new-code-error').textContent()).toContain(
      '1 to 8 letters or digits',
    );
    expect(await page.locator('#wg-new-code').inputValue()).toBe('TOOLONGCODE');

    await add.getByLabel('Code').fill('A');
    await add.getByLabel('Name in Russian').fill('Подотчётность');
    await Promise.all([
      page.waitForURL(/saved=group/),
      add.getByRole('button', { name: 'Add' }).click(),
    ]);
    const list = async () =>
      (await site.running.app.inject({ url: '/api/meetings/groups/working-groups' })).json().items;
    expect(await list()).toMatchObject([
      {
        code: 'A',
        name: 'Accountability',
        translations: { name: { en: 'Accountability', ru: 'Подотчётность' } },
      },
    ]);

    const edit = page.locator('form[action="?/renameGroup"]');
    await edit.getByLabel('Code').fill('B');
    await edit.getByLabel('Name in English').fill('Psychosocial support');
    await Promise.all([
      page.waitForURL(/saved=group/),
      edit.getByRole('button', { name: 'Save working group A' }).click(),
    ]);
    expect(await list()).toMatchObject([{ code: 'B', name: 'Psychosocial support' }]);

    await Promise.all([
      page.waitForURL(/saved=groupRemoved/),
      page.getByRole('button', { name: 'Remove working group B' }).click(),
    ]);
    expect(await list()).toEqual([]);
  }, 120_000);

  it('lets an admin create a meeting from the UI, and no one else', async () => {
    const page = await site.page({ signedInAs: ADMIN, javaScript: false });
    await page.goto(`${site.base}/`);
    await Promise.all([
      page.waitForURL(/\/meetings\/new$/),
      page.getByRole('link', { name: 'New meeting' }).click(),
    ]);
    await page.getByLabel('Web address').fill('rec-astana-2031');
    await page.getByLabel('Title in English').fill('REC meeting in Astana');
    await page.getByLabel('Title in Russian').fill('Заседание РЭС в Астане');
    await page.getByLabel('Time zone').selectOption('Asia/Almaty');
    await page.getByLabel('Starts').fill('2031-09-01T09:00');
    await page.getByLabel('Ends', { exact: true }).fill('2031-09-02T17:00');
    await page.getByLabel('City').fill('Astana');
    await page.getByLabel('Country', { exact: true }).selectOption('KZ');
    await page.getByLabel('Seats', { exact: true }).fill('60');
    await Promise.all([
      page.waitForURL(/\/meetings\/rec-astana-2031\/manage\/settings/),
      page.getByRole('button', { name: 'Create the meeting' }).click(),
    ]);
    const created = (
      await site.running.app.inject({
        url: '/api/meetings/rec-astana-2031',
        headers: { cookie: `kengash_session=${await site.sessionFor(ADMIN)}` },
      })
    ).json();
    expect(created).toMatchObject({
      status: 'draft',
      capacity: 60,
      timezone: 'Asia/Almaty',
      country: 'KZ',
      languages: ['en', 'ru'],
      translations: { title: { en: 'REC meeting in Astana', ru: 'Заседание РЭС в Астане' } },
    });
    expect(Date.parse(created.startsAt)).toBe(Date.parse('2031-09-01T09:00:00+05:00'));

    // The same address again: the API's 409, said on the field.
    await page.goto(`${site.base}/meetings/new`);
    await page.getByLabel('Web address').fill('rec-astana-2031');
    await page.getByLabel('Title in English').fill('Another');
    await page.getByLabel('Starts').fill('2031-09-01T09:00');
    await page.getByLabel('Ends', { exact: true }).fill('2031-09-02T17:00');
    await page.getByLabel('City').fill('Astana');
    await page.getByLabel('Seats', { exact: true }).fill('60');
    await page.getByRole('button', { name: 'Create the meeting' }).click();
    expect(await page.locator('.error-summary').textContent()).toContain(
      'taken by another meeting',
    );

    const organizer = await site.page({ signedInAs: 'someone@example.org' });
    await organizer.goto(`${site.base}/`);
    expect(await organizer.getByRole('link', { name: 'New meeting' }).count()).toBe(0);
    const res = await organizer.goto(`${site.base}/meetings/new`);
    expect(res!.status()).toBe(403);
  }, 120_000);
});
