/**
 * Change notices: a session that moved, was renamed or cancelled is e-mailed to every
 * delegate who bookmarked it, in her language, with times in the meeting's zone. The
 * message waits CHANGE_NOTICE_DELAY_S; changes made meanwhile are merged into it (one
 * coalescing key a delegate and meeting), so a morning of edits is one e-mail.
 */
import { and, desc, eq, inArray } from 'drizzle-orm';
import { bookmarks, registrations, users } from '@kengash/db';
import type { MeetingRow } from '../access/meeting-access.js';
import type { Effects } from '../changes/envelope.js';
import {
  type AgendaChangedParams,
  type AgendaChangeItem,
  mergeAgendaChanges,
} from '../mail/templates/agenda-changed.js';
import type { MailParams } from '../mail/templates/index.js';
import { meetingRef } from '../meetings/rows.js';
import { pickText } from '../schemas/lang.js';
import { isLocale, type Locale } from '../schemas/values.js';
import type { SessionRow } from './rows.js';

export const DEFAULT_CHANGE_NOTICE_DELAY_S = 60;

/** "Tue, 15 Dec, 09:00 – 10:30" in the meeting's zone and the reader's language. */
export function sessionWhen(s: Pick<SessionRow, 'startsAt' | 'endsAt'>, tz: string, l: Locale) {
  const f = new Intl.DateTimeFormat(l === 'ru' ? 'ru-RU' : 'en-GB', {
    timeZone: tz,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return f.formatRange(s.startsAt, s.endsAt);
}

export function changeItem(s: SessionRow, m: MeetingRow, locale: Locale): AgendaChangeItem {
  return {
    sessionId: s.id,
    title: pickText(s.title, [locale], m.languages)?.text ?? '',
    when: sessionWhen(s, m.timezone, locale),
    room: s.room,
    cancelled: s.status === 'cancelled',
  };
}

export const noticeKey = (meetingId: string, userId: string) => `agenda:${meetingId}:${userId}`;

/** Queues (or extends) the notice of every delegate who bookmarked the session. */
export async function notifyBookmarkers(
  fx: Effects,
  m: MeetingRow,
  s: SessionRow,
): Promise<number> {
  const people = await fx.tx
    .select({
      userId: users.id,
      email: users.email,
      name: users.name,
      userLanguage: users.preferredLanguage,
    })
    .from(bookmarks)
    .innerJoin(users, eq(users.id, bookmarks.userId))
    .where(eq(bookmarks.sessionId, s.id));
  if (people.length === 0) return 0;
  // Her registration for this meeting says which language she reads it in, and her name.
  const regs = await fx.tx
    .select({
      userId: registrations.userId,
      fullName: registrations.fullName,
      preferredLanguage: registrations.preferredLanguage,
    })
    .from(registrations)
    .where(
      and(
        eq(registrations.meetingId, m.id),
        inArray(
          registrations.userId,
          people.map((p) => p.userId),
        ),
      ),
    )
    .orderBy(desc(registrations.createdAt));
  const regOf = new Map<string, (typeof regs)[number]>();
  for (const r of regs) if (r.userId && !regOf.has(r.userId)) regOf.set(r.userId, r);

  const delay = fx.ctx.changeNoticeDelayS ?? DEFAULT_CHANGE_NOTICE_DELAY_S;
  const notBefore = new Date(Date.now() + delay * 1000);
  for (const p of people) {
    const reg = regOf.get(p.userId);
    const wanted = reg?.preferredLanguage ?? p.userLanguage;
    const locale: Locale = isLocale(wanted) ? wanted : 'en';
    const params: AgendaChangedParams = {
      kind: 'agenda_changed',
      meeting: meetingRef(fx.publicUrl, m, locale),
      timezone: m.timezone,
      changes: [changeItem(s, m, locale)],
      name: reg?.fullName ?? p.name,
    };
    await fx.mail({
      to: p.email,
      locale,
      params,
      notBefore,
      coalesceKey: noticeKey(m.id, p.userId),
      merge: (waiting: MailParams, next: MailParams) =>
        waiting.kind === 'agenda_changed' && next.kind === 'agenda_changed'
          ? mergeAgendaChanges(waiting, next)
          : next,
    });
  }
  return people.length;
}
