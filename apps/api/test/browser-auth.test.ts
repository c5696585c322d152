/**
 * Signing in, in a browser: without JavaScript, landing where she came from, the way
 * forward for a delegate who is already registered, and the dev mailbox.
 */
import { desc, eq } from 'drizzle-orm';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { createSignInLink, DEMO_ORGANIZER } from '@kengash/core';
import { mailOutbox } from '@kengash/db';
import { useSite } from './browser-helpers.js';

const site = useSite();
const SLUG = 'rec-tashkent-next';

/** The sign-in link of the newest mail to `email`, once the form has queued it. */
async function linkMailedTo(email: string): Promise<URL> {
  for (let i = 0; i < 50; i++) {
    const [mail] = await site.running.database.db
      .select({ text: mailOutbox.text })
      .from(mailOutbox)
      .where(eq(mailOutbox.to, email))
      .orderBy(desc(mailOutbox.id))
      .limit(1);
    const link = mail && /https?:\/\/\S+\/auth\/verify\?token=[\w-]+/.exec(mail.text);
    if (link) return new URL(link[0]);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`no sign-in link mailed to ${email}`);
}

async function pressSignIn(page: Page) {
  await Promise.all([
    page.waitForURL((u) => !u.pathname.startsWith('/auth')),
    page.getByRole('button', { name: 'Sign in' }).click(),
  ]);
}

describe('signing in', () => {
  it('works without JavaScript: the button posts from a page that keeps its token to itself', async () => {
    const page = await site.page({ javaScript: false });
    const link = await createSignInLink(site.running.database.db, {
      publicUrl: site.base,
      email: 'nojs@example.org',
      next: `/meetings/${SLUG}`,
    });
    // What the page would send onwards as Referer: only the origin, never the token.
    const referrers: string[] = [];
    page.on('request', (r) => {
      const ref = r.headers()['referer'];
      if (ref) referrers.push(ref);
    });
    await page.goto(link);
    await pressSignIn(page);
    expect(new URL(page.url()).pathname).toBe(`/meetings/${SLUG}`);
    expect(await page.locator('.account-email').textContent()).toBe('nojs@example.org');
    expect(referrers.filter((r) => r.includes('token'))).toEqual([]);
  }, 120_000);

  it('lands on the console she asked for, through the sign-in form and the e-mailed link', async () => {
    const page = await site.page();
    await page.goto(`${site.base}/meetings/${SLUG}/manage/registrations?status=pending`);
    expect(new URL(page.url()).pathname).toBe('/signin');
    await page.getByLabel('Email').fill(DEMO_ORGANIZER);
    await Promise.all([
      page.waitForURL(/sent=1/),
      page.getByRole('button', { name: 'Send me a sign-in link' }).click(),
    ]);
    await page.goto((await linkMailedTo(DEMO_ORGANIZER)).href);
    await pressSignIn(page);
    const landed = new URL(page.url());
    expect(landed.pathname).toBe(`/meetings/${SLUG}/manage/registrations`);
    expect(landed.searchParams.get('status')).toBe('pending');
  }, 120_000);

  it('offers an already registered delegate a sign-in link to her registration instead of a dead end', async () => {
    await site.register(SLUG, { email: 'twice@example.org', fullName: 'Malika Twice' });
    const page = await site.page({ javaScript: false });
    await page.goto(`${site.base}/meetings/${SLUG}/register`);
    await page.getByLabel('Email').fill('twice@example.org');
    await page.getByLabel('Full name').fill('Malika Twice');
    await page.getByLabel('Organization').fill('Ministry of Justice');
    await page.getByLabel('Country').selectOption('UZ');
    await page.getByLabel('Participant type').selectOption('government');
    await page.locator('input[name="consent"]').check();
    await page.getByRole('button', { name: 'Register' }).click();
    expect(await page.locator('.error-summary').textContent()).toContain('already registered');
    await Promise.all([
      page.waitForURL(/\/signin\?sent=1/),
      page.getByRole('button', { name: 'E-mail me a sign-in link' }).click(),
    ]);
    const link = await linkMailedTo('twice@example.org');
    await page.goto(link.href);
    await pressSignIn(page);
    expect(new URL(page.url()).pathname).toBe(`/meetings/${SLUG}/me`);
    expect(await page.locator('main').textContent()).toContain('Malika Twice');
  }, 120_000);

  it('shows the .ics invitation in the dev mailbox, and names the mailbox in the nav because the API has one', async () => {
    await site.register(SLUG, { email: 'ics@example.org', fullName: 'Kamola Calendar' });
    const page = await site.page();
    await page.goto(`${site.base}/`);
    await Promise.all([
      page.waitForURL(/\/dev\/mailbox/),
      page.getByRole('link', { name: 'Dev mailbox' }).click(),
    ]);
    const mail = page.locator('details.mail', { hasText: 'ics@example.org' }).first();
    await mail.evaluate((d) => ((d as HTMLDetailsElement).open = true));
    const attachment = mail.locator('.mail-attachments li');
    expect(await attachment.locator('summary').textContent()).toMatch(/\.ics\s*\(text\/calendar\)/);
    await attachment.locator('summary').click();
    expect(await attachment.locator('pre').textContent()).toContain('BEGIN:VCALENDAR');
  }, 120_000);
});
