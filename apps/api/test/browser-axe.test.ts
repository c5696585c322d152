/**
 * axe-core's WCAG 2.2 A and AA checks, one test a page or state, each at 1280 px and
 * 360 px, in English and (where the words change most) in Russian. Every test makes the
 * data it shows, so any one can run alone.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANIZER } from '@kengash/core';
import { ADMIN, DESKTOP, PHONE, axeReport, useSite } from './browser-helpers.js';

const site = useSite();
const SLUG = 'rec-tashkent-next';
const MANAGE = `/meetings/${SLUG}/manage`;
let serial = 0;

type Reach = (page: Page) => Promise<unknown>;
interface Check {
  where: string;
  /** How each run reaches the state; or `prepare` makes the data once and says how. */
  reach?: Reach;
  prepare?: (page: Page) => Promise<Reach>;
  as?: string;
  ru?: boolean;
}

const open =
  (path: string): Reach =>
  (page) =>
    page.goto(`${site.base}${path}`);
/** Open a page, press a form's submit button, wait for what the answer shows. */
const submit =
  (path: string, button: string, shows: string, fill?: [string, string]): Reach =>
  async (page) => {
    await page.goto(`${site.base}${path}`);
    if (fill) await page.locator(fill[0]).fill(fill[1]);
    await page.locator(button).click();
    await page.locator(shows).first().waitFor();
  };
/** A confirmed delegate of the demo meeting, new for each call; her check-in code. */
async function delegate(): Promise<{ email: string; code: string }> {
  const email = `axe.${++serial}.${Date.now()}@example.org`;
  await site.register(SLUG, { email, fullName: `Aziza Axe ${serial}` });
  const me = await site.running.app.inject({
    url: `/api/meetings/${SLUG}/registrations/me`,
    headers: { cookie: `kengash_session=${await site.sessionFor(email)}` },
  });
  return { email, code: me.json().checkInCode };
}

const checks: Check[] = [
  { where: 'home', reach: open('/') },
  { where: 'meeting', reach: open(`/meetings/${SLUG}`), ru: true },
  { where: 'past meeting', reach: open('/meetings/rec-tashkent-2024-11') },
  { where: 'register', reach: open(`/meetings/${SLUG}/register`), ru: true },
  {
    where: 'register sent empty',
    reach: submit(
      `/meetings/${SLUG}/register`,
      'form.stack-form [type="submit"]',
      '.error-summary',
    ),
    ru: true,
  },
  {
    where: 'register duplicate',
    prepare: async () => {
      const { email } = await delegate();
      return async (page) => {
        await page.goto(`${site.base}/meetings/${SLUG}/register`);
        await page.locator('#f-email').fill(email);
        await page.locator('#f-fullName').fill('Aziza Axe');
        await page.locator('#f-organization').fill('Institute');
        await page.locator('#f-country').selectOption('TJ');
        await page.locator('#f-participantType').selectOption('academia');
        await page.locator('#f-consent').check();
        await page.locator('form.stack-form [type="submit"]').click();
        await page.locator('.duplicate-help').waitFor();
      };
    },
  },
  {
    where: 'register done',
    reach: open(`/meetings/${SLUG}/register/done?status=waitlisted&position=3`),
    ru: true,
  },
  { where: 'signin', reach: open('/signin') },
  {
    where: 'signin sent empty',
    reach: submit('/signin', 'main form [type="submit"]', '.error-summary'),
    ru: true,
  },
  { where: 'signin link sent', reach: open('/signin?sent=1') },
  { where: 'verify', reach: open('/auth/verify?token=x') },
  {
    where: 'verify bad token',
    reach: submit('/auth/verify?token=x', 'main form [type="submit"]', '.notice-error'),
  },
  { where: 'not found', reach: open('/meetings/no-such-meeting'), ru: true },
  { where: 'dev mailbox', reach: open('/dev/mailbox') },
  {
    where: 'my registration',
    prepare: async (page) => {
      const { email } = await delegate();
      await page
        .context()
        .addCookies([
          { name: 'kengash_session', value: await site.sessionFor(email), url: site.base },
        ]);
      return open(`/meetings/${SLUG}/me`);
    },
    ru: true,
  },
  {
    where: 'my registration cancel unconfirmed',
    prepare: async (page) => {
      const { email } = await delegate();
      await page
        .context()
        .addCookies([
          { name: 'kengash_session', value: await site.sessionFor(email), url: site.base },
        ]);
      return submit(
        `/meetings/${SLUG}/me`,
        'form[action="?/cancel"] [type="submit"]',
        '.error-summary',
      );
    },
  },
  { where: 'console overview', as: DEMO_ORGANIZER, reach: open(MANAGE), ru: true },
  {
    where: 'console registrations',
    as: DEMO_ORGANIZER,
    reach: open(`${MANAGE}/registrations`),
    ru: true,
  },
  { where: 'console check-in', as: DEMO_ORGANIZER, reach: open(`${MANAGE}/check-in`) },
  {
    where: 'console check-in unknown code',
    as: DEMO_ORGANIZER,
    reach: submit(`${MANAGE}/check-in`, 'main form [type="submit"]', '.checkin-failure', [
      '#checkin-code',
      'NOSUCHCODE',
    ]),
  },
  {
    where: 'console check-in done',
    as: DEMO_ORGANIZER,
    ru: true,
    // A new delegate for each run: the first scan of her code.
    reach: async (page) => {
      const { code } = await delegate();
      await submit(`${MANAGE}/check-in`, 'main form [type="submit"]', '.checkin-success', [
        '#checkin-code',
        code,
      ])(page);
    },
  },
  {
    where: 'console check-in again',
    as: DEMO_ORGANIZER,
    ru: true,
    prepare: async () => {
      const { code } = await delegate();
      await site.running.app.inject({
        method: 'POST',
        url: `/api/meetings/${SLUG}/check-in`,
        headers: { cookie: `kengash_session=${await site.sessionFor(DEMO_ORGANIZER)}` },
        payload: { code },
      });
      return submit(`${MANAGE}/check-in`, 'main form [type="submit"]', '.checkin-again', [
        '#checkin-code',
        code,
      ]);
    },
  },
  { where: 'console staff', as: DEMO_ORGANIZER, reach: open(`${MANAGE}/staff`) },
  {
    where: 'console staff add empty',
    as: DEMO_ORGANIZER,
    ru: true,
    reach: submit(`${MANAGE}/staff`, 'form[action="?/add"] [type="submit"]', '.error-summary'),
  },
  { where: 'console settings', as: DEMO_ORGANIZER, reach: open(`${MANAGE}/settings`), ru: true },
  {
    where: 'console settings with errors',
    as: DEMO_ORGANIZER,
    reach: submit(`${MANAGE}/settings`, 'form[action="?/save"] [type="submit"]', '.error-summary', [
      '#m-capacity',
      '0',
    ]),
  },
  { where: 'new meeting', as: ADMIN, reach: open('/meetings/new') },
];

describe('axe-core WCAG 2.2 AA', () => {
  const runs = checks.flatMap((check) =>
    (check.ru ? (['en', 'ru'] as const) : (['en'] as const)).map((lang) => ({ check, lang })),
  );
  for (const { check, lang } of runs)
    it(`finds nothing on ${check.where}${lang === 'ru' ? ' in Russian' : ''}`, async () => {
      const report: string[] = [];
      const context = await site.context({ lang, ...(check.as ? { signedInAs: check.as } : {}) });
      const page = await context.newPage();
      const reach = check.prepare ? await check.prepare(page) : check.reach!;
      for (const viewport of [DESKTOP, PHONE]) {
        await page.setViewportSize(viewport);
        await reach(page);
        await page.waitForLoadState();
        expect(await page.locator('html').getAttribute('lang')).toBe(lang);
        report.push(...(await axeReport(page, `${lang} ${check.where} (${viewport.width} px)`)));
        const sideways = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        if (sideways > 0)
          report.push(`${lang} ${viewport.width} px: scrolls sideways by ${sideways} px`);
      }
      await context.close();
      expect(report, report.join('\n')).toEqual([]);
    }, 120_000);
});
