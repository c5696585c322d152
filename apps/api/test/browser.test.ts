/**
 * The production process end to end: one port serves the web pages and the API, and a
 * real browser (Debian's Chromium through playwright-core) reads a meeting page and
 * registers a delegate without JavaScript help from the test.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { DEMO_ORGANIZER, seedDemo } from '@kengash/core';
import { mailOutbox, meetings, registrations } from '@kengash/db';
import { createTestDatabase } from '@kengash/db/testing';
import { loadConfig } from '../src/config.js';
import { type Running, startServer, webBuildDir } from '../src/server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const AXE_SOURCE = readFileSync(
  createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
  'utf8',
);
/** The success criteria of WCAG 2.2 level A and AA that axe can test automatically. */
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
let running: Running;
let browser: Browser;
let base: string;

beforeAll(async () => {
  if (!existsSync(`${webBuildDir}/handler.js`))
    throw new Error('Build the web app first (pnpm build)');
  const database = await createTestDatabase(inject('template'));
  await seedDemo(database.db);
  const port = 40000 + Math.floor(Math.random() * 20000);
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    PUBLIC_URL: `http://127.0.0.1:${port}`,
  });
  running = await startServer(config, { database, logger: false });
  base = config.publicUrl;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
}, 90_000);

afterAll(async () => {
  await browser?.close();
  await running?.stop();
});

/** Ask for a sign-in link on /signin, then follow the e-mailed link and press the button. */
async function signInByMagicLink(page: Page, email: string): Promise<void> {
  const [last] = await running.database.db
    .select({ id: mailOutbox.id })
    .from(mailOutbox)
    .orderBy(desc(mailOutbox.id))
    .limit(1);
  await page.goto(`${base}/signin`);
  await page.getByLabel('Email').fill(email);
  await Promise.all([
    page.waitForURL(/sent=1/),
    page.getByRole('button', { name: /sign-in link|send/i }).click(),
  ]);
  // The form posts and the mail is queued; wait for its row.
  let mail: typeof mailOutbox.$inferSelect | undefined;
  for (let i = 0; i < 50 && !mail; i++) {
    [mail] = await running.database.db
      .select()
      .from(mailOutbox)
      .where(eq(mailOutbox.to, email))
      .orderBy(desc(mailOutbox.id))
      .limit(1);
    if (mail && last && mail.id <= last.id) mail = undefined;
    if (!mail) await new Promise((r) => setTimeout(r, 100));
  }
  const link = /https?:\/\/\S+\/auth\/verify\?token=[\w-]+/.exec(mail!.text)![0];
  await page.goto(link);
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/auth')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

type AxeFinding = {
  id: string;
  impact: string | null | undefined;
  help: string;
  nodes: { target: string; summary: string }[];
};

/** Run axe-core on the page as it stands, for the WCAG 2.2 A and AA rules. */
async function axeFindings(page: Page): Promise<AxeFinding[]> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    await page.addScriptTag({ content: AXE_SOURCE });
  }
  return page.evaluate(async (tags) => {
    const axe = (window as unknown as { axe: { run: typeof import('axe-core').run } }).axe;
    const results: AxeResults = await axe.run(document, {
      runOnly: { type: 'tag', values: tags },
    });
    return results.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({
        target: n.target.map(String).join(' '),
        summary: n.failureSummary ?? '',
      })),
    }));
  }, WCAG_TAGS);
}

function describeFindings(where: string, findings: AxeFinding[]): string[] {
  return findings.map(
    (f) =>
      `${where}: [${f.impact ?? '?'}] ${f.id} — ${f.help}\n` +
      f.nodes
        .map((n) => `    ${n.target}\n      ${n.summary.replace(/\n/g, '\n      ')}`)
        .join('\n'),
  );
}

describe('in a browser', () => {
  it('serves the API and the pages on one port', async () => {
    const health = await fetch(`${base}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: process.env.TEST_DB });
    const page = await fetch(`${base}/meetings/rec-tashkent-next`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Tashkent');
  });

  it('shows a meeting page in English and Russian on a phone-sized screen', async () => {
    const context = await browser.newContext({
      viewport: { width: 360, height: 740 },
      locale: 'en-GB',
    });
    const page = await context.newPage();
    await page.goto(`${base}/meetings/rec-tashkent-next`);
    expect(await page.locator('h1').textContent()).toMatch(/Regional Expert Council/);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    expect(await page.textContent('body')).toContain('Asia/Tashkent');
    // No sideways scrolling on a phone.
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();

    const ru = await browser.newContext({
      locale: 'ru-RU',
      extraHTTPHeaders: { 'accept-language': 'ru' },
    });
    const rpage = await ru.newPage();
    await rpage.goto(`${base}/meetings/rec-tashkent-next`);
    expect(await rpage.locator('html').getAttribute('lang')).toBe('ru');
    await ru.close();
  });

  it('registers a delegate through the form with JavaScript off', async () => {
    const context = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(8000);
    await page.goto(`${base}/meetings/rec-tashkent-next/register`);
    await page.getByLabel('Email').fill('browser.delegate@example.org');
    await page.getByLabel('Full name').fill('Nodira Browser');
    await page.getByLabel('Organization').fill('Ministry of Justice');
    await page.getByLabel('Country').selectOption('UZ');
    await page.getByLabel('Participant type').selectOption('government');
    await page.locator('input[name="consent"]').check();
    await Promise.all([
      page.waitForURL(/register\/done/),
      page.getByRole('button', { name: 'Register' }).click(),
    ]);
    expect(page.url()).toContain('status=confirmed');
    const me = await running.app.inject(`/api/meetings/rec-tashkent-next`);
    expect(me.json().confirmedCount).toBe(9);
    await context.close();
  });

  it('lets an organizer sign in by magic link, see registrations and check a delegate in', async () => {
    const context = await browser.newContext({ locale: 'en-GB' });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    const reg = await running.app.inject({
      method: 'POST',
      url: '/api/meetings/rec-tashkent-next/registrations',
      payload: {
        email: 'scan.me@example.org',
        fullName: 'Timur Scanned',
        organization: 'Institute of Studies',
        country: 'KZ',
        participantType: 'academia',
        consent: true,
      },
    });
    expect(reg.json().status).toBe('confirmed');
    await signInByMagicLink(page, DEMO_ORGANIZER);

    await page.goto(`${base}/meetings/rec-tashkent-next/manage`);
    expect(await page.textContent('main')).toContain('Timur Scanned');

    const [row] = await running.database.db
      .select({ code: registrations.checkInCode })
      .from(registrations)
      .where(eq(registrations.email, 'scan.me@example.org'));
    await page.goto(`${base}/meetings/rec-tashkent-next/manage?tab=checkin`);
    await page.getByLabel('Check-in code').fill(row!.code.toLowerCase());
    await page.getByRole('button', { name: 'Check in' }).click();
    await page.locator('.checkin-success').waitFor();
    expect(await page.textContent('.checkin-success')).toContain('Timur Scanned');
    const [after] = await running.database.db
      .select({ at: registrations.checkedInAt })
      .from(registrations)
      .where(eq(registrations.email, 'scan.me@example.org'));
    expect(after!.at).toBeInstanceOf(Date);
    await context.close();
  });
  it('passes the axe-core WCAG 2.2 AA checks on every page and state, on a desktop and a phone, in English and Russian', async () => {
    const slug = 'rec-tashkent-next';
    const viewports = [
      { width: 1280, height: 800 },
      { width: 360, height: 740 },
    ];
    const report: string[] = [];
    let checked = 0;
    type Check = [where: string, reach: (page: Page) => Promise<unknown>];

    /** Reach a page or state, then run axe on it; on a phone, also look for sideways scrolling. */
    async function check(page: Page, lang: string, [where, reach]: Check) {
      await reach(page);
      await page.waitForLoadState();
      const width = page.viewportSize()!.width;
      const label = `${lang} ${where} (${width} px)`;
      expect(await page.locator('html').getAttribute('lang'), label).toBe(lang);
      report.push(...describeFindings(label, await axeFindings(page)));
      if (width < 400) {
        const overflow = await page.evaluate(
          () => document.documentElement.scrollWidth - window.innerWidth,
        );
        if (overflow > 0)
          report.push(`${label}: scrolls sideways by ${overflow} px (reflow, 1.4.10)`);
      }
      checked++;
    }
    async function checkAll(page: Page, lang: string, checks: Check[]) {
      for (const viewport of viewports) {
        await page.setViewportSize(viewport);
        for (const c of checks) await check(page, lang, c);
      }
    }
    const open =
      (path: string) =>
      (page: Page): Promise<unknown> =>
        page.goto(`${base}${path}`);
    /** Open a page, press a form's submit button, wait for what the answer shows. */
    const submit =
      (path: string, button: string, shows: string, fill?: [string, string]) =>
      async (page: Page) => {
        await page.goto(`${base}${path}`);
        if (fill) await page.locator(fill[0]).fill(fill[1]);
        await page.locator(button).click();
        await page.locator(shows).first().waitFor();
      };

    // Everything is checked in English; in Russian, the pages and states whose words change most.
    const russian = [
      'meeting',
      'register',
      'register sent empty',
      'register done',
      'signin sent empty',
      'not found',
      'manage',
      'manage checkin done',
      'manage meeting add staff empty',
    ];
    const inRussian = ([where]: Check) => russian.includes(where);

    // Signed out.
    const publicChecks: Check[] = [
      ['home', open('/')],
      ['meeting', open(`/meetings/${slug}`)],
      ['register', open(`/meetings/${slug}/register`)],
      [
        'register sent empty',
        submit(`/meetings/${slug}/register`, 'form.stack-form [type="submit"]', '.error-summary'),
      ],
      ['register done', open(`/meetings/${slug}/register/done?status=waitlisted&position=3`)],
      ['signin', open('/signin')],
      ['signin sent empty', submit('/signin', 'main form [type="submit"]', '.error-summary')],
      ['signin link sent', open('/signin?sent=1')],
      ['verify', open('/auth/verify?token=x')],
      [
        'verify bad token',
        submit('/auth/verify?token=x', 'main form [type="submit"]', '.notice-error'),
      ],
      ['not found', open('/meetings/no-such-meeting')],
    ];
    for (const lang of ['en', 'ru']) {
      const context = await browser.newContext({
        locale: lang === 'en' ? 'en-GB' : 'ru-RU',
        extraHTTPHeaders: { 'accept-language': lang },
      });
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await checkAll(page, lang, lang === 'en' ? publicChecks : publicChecks.filter(inRussian));
      await context.close();
    }

    // A delegate with a confirmed seat, and codes of delegates not yet checked in.
    const reg = await running.app.inject({
      method: 'POST',
      url: `/api/meetings/${slug}/registrations`,
      payload: {
        email: 'axe.delegate@example.org',
        fullName: 'Aziza Checked',
        organization: 'Institute of Strategic Studies',
        country: 'TJ',
        participantType: 'academia',
        consent: true,
      },
    });
    expect(reg.json().status).toBe('confirmed');
    const codes = (
      await running.database.db
        .select({ code: registrations.checkInCode })
        .from(registrations)
        .innerJoin(meetings, eq(meetings.id, registrations.meetingId))
        .where(
          and(
            eq(meetings.slug, slug),
            eq(registrations.status, 'confirmed'),
            isNull(registrations.checkedInAt),
          ),
        )
    ).map((r) => r.code);
    expect(codes.length).toBeGreaterThanOrEqual(4);

    // The organizer's console, signed in once, in English and then in Russian.
    const organizer = await browser.newContext({ locale: 'en-GB' });
    const opage = await organizer.newPage();
    opage.setDefaultTimeout(10_000);
    await signInByMagicLink(opage, DEMO_ORGANIZER);
    const manage = `/meetings/${slug}/manage`;
    const consoleChecks: Check[] = [
      ['manage', open(manage)],
      ['manage checkin', open(`${manage}?tab=checkin`)],
      [
        'manage checkin unknown code',
        submit(
          `${manage}?tab=checkin`,
          'form[action*="/checkIn"] [type="submit"]',
          '.checkin-failure',
          ['#checkin-code', 'NOSUCHCODE'],
        ),
      ],
      [
        'manage checkin done',
        (page) =>
          submit(
            `${manage}?tab=checkin`,
            'form[action*="/checkIn"] [type="submit"]',
            '.checkin-success',
            ['#checkin-code', codes.pop()!],
          )(page),
      ],
      ['manage meeting', open(`${manage}?tab=meeting`)],
      [
        'manage meeting add staff empty',
        submit(
          `${manage}?tab=meeting`,
          'form[action*="/addStaff"] [type="submit"]',
          '.error-summary',
        ),
      ],
    ];
    await checkAll(opage, 'en', consoleChecks);
    await opage.goto(`${base}/lang/ru?next=${encodeURIComponent(manage)}`);
    await checkAll(opage, 'ru', consoleChecks.filter(inRussian));
    await organizer.close();

    // The delegate's own page with the check-in code, and its cancel form sent unconfirmed.
    const delegate = await browser.newContext({ locale: 'en-GB' });
    const dpage = await delegate.newPage();
    dpage.setDefaultTimeout(10_000);
    await signInByMagicLink(dpage, 'axe.delegate@example.org');
    const me = `/meetings/${slug}/me`;
    await checkAll(dpage, 'en', [
      ['me', open(me)],
      [
        'me cancel unconfirmed',
        submit(me, 'form[action="?/cancel"] [type="submit"]', '.error-summary'),
      ],
    ]);
    expect(await dpage.textContent('main')).toContain('Aziza Checked');
    await delegate.close();

    const pages = [...publicChecks, ...consoleChecks];
    expect(checked).toBe(2 * (pages.length + pages.filter(inRussian).length + 2));
    expect(report, `axe found WCAG violations:\n${report.join('\n')}`).toEqual([]);
  }, 90_000);
});
