/** Small pieces of the meetings area that its use-cases and views share. */
import { and, count, inArray } from 'drizzle-orm';
import { registrations, type Db } from '@kengash/db';
import type { MeetingRow } from '../access/meeting-access.js';
import type { MeetingRef } from '../mail/templates/index.js';
import { pickText } from '../schemas/lang.js';
import type { Locale } from '../schemas/values.js';

export type { MeetingRow };

export const iso = (d: Date | null) => (d ? d.toISOString() : null);
export const dateOrNull = (s: string | null | undefined) => (s ? new Date(s) : null);

export interface MeetingCounts {
  confirmedCount: number;
  waitlistCount: number;
}

/** Confirmed and waiting registrations of several meetings in one query. */
export async function countsFor(db: Db, ids: string[]): Promise<Map<string, MeetingCounts>> {
  const map = new Map<string, MeetingCounts>();
  for (const id of ids) map.set(id, { confirmedCount: 0, waitlistCount: 0 });
  if (ids.length === 0) return map;
  const rows = await db
    .select({ meetingId: registrations.meetingId, status: registrations.status, n: count() })
    .from(registrations)
    .where(
      and(
        inArray(registrations.meetingId, ids),
        inArray(registrations.status, ['confirmed', 'waitlisted']),
      ),
    )
    .groupBy(registrations.meetingId, registrations.status);
  for (const r of rows) {
    const c = map.get(r.meetingId)!;
    if (r.status === 'confirmed') c.confirmedCount = r.n;
    else c.waitlistCount = r.n;
  }
  return map;
}

/** The meeting's title in a reader's language, with the meeting's own fallback. */
export const meetingTitle = (m: MeetingRow, wanted: readonly string[]) =>
  pickText(m.title, wanted, m.languages)?.text ?? m.slug;

export function meetingDates(m: MeetingRow, locale: Locale): string {
  const f = new Intl.DateTimeFormat(locale, {
    timeZone: m.timezone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return f.formatRange(m.startsAt, m.endsAt);
}

/** The meeting as an e-mail in `locale` names it. */
export function meetingRef(publicUrl: string, m: MeetingRow, locale: Locale): MeetingRef {
  return {
    title: meetingTitle(m, [locale]),
    city: m.city,
    dates: meetingDates(m, locale),
    url: `${publicUrl}/meetings/${m.slug}`,
  };
}
