/**
 * The public and delegate pages in a browser: the buttons the API allows, words that fit
 * the state (a past meeting, a pending registration), country names, and the language of
 * content marked where it differs from the page's.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANIZER } from '@kengash/core';
import { PHONE, useSite } from './browser-helpers.js';

const site = useSite();
const SLUG = 'rec-tashkent-next';

describe('the pages', () => {
  it('serves the API and the pages on one port', async () => {
    const health = await fetch(`${site.base}/api/health`);
    expect(await health.json()).toEqual({ status: 'ok', database: process.env.TEST_DB });
    const page = await fetch(`${site.base}/meetings/${SLUG}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Tashkent');
  }, 120_000);

  it('registers a delegate through the form with JavaScript off, on a phone', async () => {
    const page = await site.page({ javaScript: false, viewport: PHONE });
    await page.goto(`${site.base}/meetings/${SLUG}/register`);
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
    expect(await page.locator('main').textContent()).toContain('your check-in code');
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - window.innerWidth,
    );
    expect(overflow).toBeLessThanOrEqual(0);
  }, 120_000);

  it('shows each viewer the buttons the API allows them', async () => {
    const buttons = async (email?: string) => {
      const page = await site.page(email ? { signedInAs: email } : {});
      await page.goto(`${site.base}/meetings/${SLUG}`);
      const names = await page.locator('main .actions-row a').allTextContents();
      await page.context().close();
      return names;
    };
    expect(await buttons()).toEqual(['Register']);
    await site.register(SLUG, { email: 'registered@example.org', fullName: 'Dilnoza Seat' });
    // A registered delegate: her registration, no second "Register".
    expect(await buttons('registered@example.org')).toEqual(['My registration']);
    // An organizer without a registration: the console, no "My registration" that leads nowhere.
    expect(await buttons(DEMO_ORGANIZER)).toEqual(['Manage this meeting']);

    const page = await site.page({ signedInAs: 'registered@example.org' });
    await page.goto(`${site.base}/meetings/${SLUG}/register`);
    expect(await page.locator('form.stack-form').count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain('You are already registered');
  }, 120_000);

  it('does not promise a check-in code to a delegate waiting for approval', async () => {
    const page = await site.page();
    await page.goto(`${site.base}/meetings/${SLUG}/register/done?status=pending`);
    const text = await page.locator('main').textContent();
    expect(text).toContain('waiting for approval');
    expect(text).toContain('once your seat is confirmed, your check-in code will be there too');
    expect(text).not.toContain('see your registration and your check-in code');
  }, 120_000);

  it('says that a past meeting took place, not that registration is closed or that no one came', async () => {
    const page = await site.page();
    await page.goto(`${site.base}/meetings/rec-tashkent-2024-11`);
    const text = await page.locator('main').textContent();
    expect(text).toContain('The meeting has taken place');
    expect(text).toMatch(/This meeting took place on .*2024 in Tashkent\./);
    expect(text).not.toContain('Registration is not open');
    expect(text).not.toContain('Confirmed delegates');
  }, 120_000);

  it('names Central Asian countries in Russian as they name themselves: Кыргызстан', async () => {
    const page = await site.page({ lang: 'ru' });
    await page.goto(`${site.base}/meetings/${SLUG}/register`);
    const names = await page.locator('#f-country option').allTextContents();
    for (const n of ['Кыргызстан', 'Казахстан', 'Таджикистан', 'Туркменистан', 'Узбекистан'])
      expect(names).toContain(n);
    expect(names).not.toContain('Киргизия');
  }, 120_000);

  it('marks text whose language differs from the page’s with lang', async () => {
    // An English-only title on a Russian page: the title says it is English.
    const page = await site.page({ lang: 'ru', signedInAs: DEMO_ORGANIZER });
    const res = await site.running.app.inject({
      method: 'PATCH',
      url: `/api/meetings/${SLUG}`,
      headers: { cookie: `kengash_session=${await site.sessionFor(DEMO_ORGANIZER)}` },
      payload: { title: { ru: null, en: 'English only title' } },
    });
    expect(res.statusCode, res.body).toBe(200);
    await page.goto(`${site.base}/meetings/${SLUG}`);
    expect(await page.locator('html').getAttribute('lang')).toBe('ru');
    expect(await page.locator('h1').getAttribute('lang')).toBe('en');
    await page.goto(`${site.base}/`);
    expect(await page.getByRole('link', { name: 'English only title' }).getAttribute('lang')).toBe(
      'en',
    );
    // In its own language nothing is marked.
    const en = await site.page({ lang: 'en' });
    await en.goto(`${site.base}/meetings/${SLUG}`);
    expect(await en.locator('h1').getAttribute('lang')).toBeNull();
  }, 120_000);
});
