/**
 * The production process end to end: one port serves the web pages and the API, and a
 * real browser (Debian's Chromium through playwright-core) reads a meeting page and
 * registers a delegate without JavaScript help from the test.
 */
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { inject } from 'vitest';
import { desc, eq } from 'drizzle-orm';
import { DEMO_ORGANIZER, seedDemo } from '@kengash/core';
import { mailOutbox, registrations } from '@kengash/db';
import { createTestDatabase } from '@kengash/db/testing';
import { loadConfig } from '../src/config.js';
import { type Running, startServer, webBuildDir } from '../src/server.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
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
    await page.goto(`${base}/signin`);
    await page.getByLabel('Email').fill(DEMO_ORGANIZER);
    await page.getByRole('button', { name: /sign-in link|send/i }).click();
    // The form posts and the mail is queued; wait for its row.
    let mail: typeof mailOutbox.$inferSelect | undefined;
    for (let i = 0; i < 50 && !mail; i++) {
      [mail] = await running.database.db
        .select()
        .from(mailOutbox)
        .where(eq(mailOutbox.to, DEMO_ORGANIZER))
        .orderBy(desc(mailOutbox.id))
        .limit(1);
      if (!mail) await new Promise((r) => setTimeout(r, 100));
    }
    const link = /https?:\/\/\S+\/auth\/verify\?token=[\w-]+/.exec(mail!.text)![0];
    await page.goto(link);
    await Promise.all([
      page.waitForURL((u) => !u.pathname.startsWith('/auth')),
      page.getByRole('button', { name: 'Sign in' }).click(),
    ]);

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
});
