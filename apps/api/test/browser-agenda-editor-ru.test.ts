/**
 * The agenda editor in Russian says the API's refusals in Russian: a time outside the
 * meeting is named with the meeting's bounds in its zone, not as the API's English text.
 */
import { describe, expect, it } from 'vitest';
import { DEMO_ORGANIZER } from '@kengash/core';
import { useSite } from './browser-helpers.js';

const site = useSite();
const SLUG = 'rec-tashkent-next';

describe('the agenda editor in Russian', () => {
  it('says that a time outside the meeting is outside it, with the meeting’s bounds', async () => {
    const meeting = (
      await site.running.app.inject({ method: 'GET', url: `/api/meetings/${SLUG}` })
    ).json();
    const page = await site.page({ lang: 'ru', javaScript: false, signedInAs: DEMO_ORGANIZER });
    page.setDefaultTimeout(10_000);
    await page.goto(`${site.base}/meetings/${SLUG}/manage/agenda/new`);
    // A day after the meeting ends, in the meeting's zone (Tashkent, UTC+5).
    const local = (ms: number) => new Date(ms + 5 * 3_600_000).toISOString().slice(0, 16);
    const after = Date.parse(meeting.endsAt) + 86_400_000;
    await page.locator('input[name="title_en"]').fill('Late briefing');
    await page.locator('input[name="title_ru"]').fill('Поздний брифинг');
    await page.locator('select[name="kind"]').selectOption('side_event');
    await page.locator('input[name="startsAt"]').fill(local(after));
    await page.locator('input[name="endsAt"]').fill(local(after + 3_600_000));
    await page.locator('form button[type="submit"]').last().click();
    await page.waitForLoadState();

    const said = await page.locator('#s-startsAt-error').textContent();
    expect(said).toContain('Должно быть в пределах встречи: ');
    expect(said).not.toContain('Must be');
    // The bounds in the meeting's zone, not as UTC instants.
    expect(said).not.toContain('Z');
    const startHour = new Date(Date.parse(meeting.startsAt) + 5 * 3_600_000)
      .toISOString()
      .slice(11, 16);
    expect(said).toContain(startHour);
    expect(await page.locator('#s-endsAt-error').textContent()).toBe(said);
  }, 60_000);
});
