/**
 * iCalendar (RFC 5545) feeds of sessions, made with ical-generator. Every instant is
 * written in UTC (`…Z`): ical-generator given a `timezone` would write the UTC clock digits
 * under `TZID=`, hours off in every calendar that honours TZID. UTC needs no VTIMEZONE
 * and every client places it at the right instant; the meeting's local time is spelled
 * out in the description for the reader.
 *
 * Every VEVENT has a UID that never changes (`session-<id>@<host>`), SEQUENCE equal to the
 * session's `sequence`, DTSTAMP (the session's last change, so an unchanged feed is the
 * same bytes and its ETag holds), SUMMARY in the reader's language, LOCATION with room,
 * venue and city, a DESCRIPTION, the URL of the session page, and STATUS:CANCELLED for a
 * cancelled session, which stays in the feed so calendars remove it from their view.
 */
import { Buffer } from 'node:buffer';
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import { asc, eq, inArray } from 'drizzle-orm';
import { sessions, sessionSpeakers, workingGroups, type Db } from '@kengash/db';
import type { MeetingRow } from '../access/meeting-access.js';
import type { SessionRow } from '../sessions/rows.js';
import { pickText } from '../schemas/lang.js';
import { isLocale, type Locale } from '../schemas/values.js';
import { uidHost } from './meeting-calendar.js';

/** One session as a feed shows it. */
export interface FeedEntry {
  session: SessionRow;
  meeting: MeetingRow;
  workingGroup: { code: string; name: Record<string, string> } | null;
  speakers: { name: string; organization: string | null }[];
  /** Only in a private feed, for a confirmed registrant or staff of the meeting. */
  showOnlineUrl: boolean;
}

const labels = {
  en: {
    cancelled: 'Cancelled',
    workingGroup: 'Working group',
    speakers: 'Speakers',
    interpretation: 'Interpretation',
    localTime: 'Local time',
    online: 'Join online',
    page: 'Session page',
    myAgenda: 'My agenda',
  },
  ru: {
    cancelled: 'Отменено',
    workingGroup: 'Рабочая группа',
    speakers: 'Выступающие',
    interpretation: 'Синхронный перевод',
    localTime: 'Местное время',
    online: 'Онлайн-участие',
    page: 'Страница заседания',
    myAgenda: 'Моя повестка',
  },
} satisfies Record<Locale, Record<string, string>>;

/** The interface language for a reader: the first of `wanted` we have, else English. */
export const feedLocale = (wanted: readonly string[]): Locale => wanted.find(isLocale) ?? 'en';

export const feedLabel = (locale: Locale, key: keyof (typeof labels)['en']) => labels[locale][key];

/** "2026-03-09 09:00–10:30 (Asia/Tashkent)": the session's time as the meeting's zone reads it. */
export function localTimeRange(start: Date, end: Date, timeZone: string): string {
  const format = formatterFor(timeZone);
  const fmt = (d: Date) => {
    const parts: Record<string, string> = {};
    for (const p of format.formatToParts(d)) parts[p.type] = p.value;
    return {
      day: `${parts.year}-${parts.month}-${parts.day}`,
      time: `${parts.hour}:${parts.minute}`,
    };
  };
  const a = fmt(start);
  const b = fmt(end);
  const until = a.day === b.day ? b.time : `${b.day} ${b.time}`;
  return `${a.day} ${a.time}–${until} (${timeZone})`;
}

// Making a DateTimeFormat costs far more than using one: one per zone, kept.
const formatters = new Map<string, Intl.DateTimeFormat>();
function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export const sessionUid = (publicUrl: string, sessionId: string) =>
  `session-${sessionId}@${uidHost(publicUrl)}`;

export const sessionPageUrl = (publicUrl: string, slug: string, sessionId: string) =>
  `${publicUrl}/meetings/${slug}/sessions/${sessionId}`;

/**
 * A calendar's name as ical-generator writes it: verbatim (NAME and X-WR-CALNAME are not
 * escaped by it), so line breaks and other control characters, which would end the line
 * and let the rest be read as properties of the feed, become spaces. Commas and
 * semicolons stay as they are: clients show X-WR-CALNAME literally.
 */
export const calendarName = (name: string) => name.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();

/** The calendar text of sessions. `wanted`: the reader's languages, best first. */
export function sessionsCalendar(input: {
  publicUrl: string;
  name: string;
  entries: FeedEntry[];
  wanted: readonly string[];
  /** How often a subscribing client should look again, in seconds (feeds, not downloads). */
  ttlSeconds?: number;
}): string {
  const cal = ical({
    name: calendarName(input.name),
    prodId: { company: 'Kengash', product: 'Kengash', language: 'EN' },
    method: ICalCalendarMethod.PUBLISH,
    ...(input.ttlSeconds ? { ttl: input.ttlSeconds } : {}),
  });
  // ical-generator folds the whole text at the end, measuring every character with a new
  // TextEncoder: a 300-session feed spent most of its time there. Its events are written
  // unfolded, so they are made on a holder calendar and folded here, with the same rule.
  const holder = ical();
  const events: string[] = [];
  for (const e of input.entries) {
    const { session: s, meeting: m } = e;
    const wanted = [...input.wanted, ...m.languages];
    const locale = feedLocale(wanted);
    const title = pickText(s.title, input.wanted, m.languages)?.text ?? '';
    const cancelled = s.status === 'cancelled';
    const url = sessionPageUrl(input.publicUrl, m.slug, s.id);
    const description: string[] = [];
    const text = pickText(s.description, input.wanted, m.languages)?.text;
    if (text) description.push(text, '');
    description.push(
      `${feedLabel(locale, 'localTime')}: ${localTimeRange(s.startsAt, s.endsAt, m.timezone)}`,
    );
    if (e.workingGroup) {
      const wgName = pickText(e.workingGroup.name, input.wanted, m.languages)?.text;
      description.push(
        `${feedLabel(locale, 'workingGroup')}: ${e.workingGroup.code}${wgName ? ` — ${wgName}` : ''}`,
      );
    }
    if (e.speakers.length > 0)
      description.push(
        `${feedLabel(locale, 'speakers')}: ${e.speakers
          .map((p) => (p.organization ? `${p.name} (${p.organization})` : p.name))
          .join('; ')}`,
      );
    if (s.interpretation.length > 0)
      description.push(
        `${feedLabel(locale, 'interpretation')}: ${s.interpretation.map((l) => l.toUpperCase()).join(', ')}`,
      );
    if (e.showOnlineUrl && s.onlineUrl)
      description.push(`${feedLabel(locale, 'online')}: ${s.onlineUrl}`);
    description.push(`${feedLabel(locale, 'page')}: ${url}`);
    const event = holder.createEvent({
      id: sessionUid(input.publicUrl, s.id),
      sequence: s.sequence,
      stamp: s.updatedAt,
      created: s.createdAt,
      lastModified: s.updatedAt,
      start: s.startsAt,
      end: s.endsAt,
      summary: cancelled ? `${feedLabel(locale, 'cancelled')}: ${title}` : title,
      location: [s.room, m.venue, m.city].filter(Boolean).join(', '),
      description: description.join('\n'),
      url,
      status: cancelled ? ICalEventStatus.CANCELLED : ICalEventStatus.CONFIRMED,
    });
    events.push(foldLines(event.toString()));
  }
  const frame = cal.toString();
  const end = frame.lastIndexOf('END:VCALENDAR');
  return frame.slice(0, end) + events.join('') + frame.slice(end);
}

/**
 * RFC 5545 §3.1: lines longer than 75 octets are folded (CRLF and a space), never inside
 * a character. The rule ical-generator applies: at most 74 octets before each break.
 */
export function foldLines(text: string): string {
  return text
    .split('\r\n')
    .map((line) => {
      if (Buffer.byteLength(line) <= 74) return line;
      let out = '';
      let octets = 0;
      for (const ch of line) {
        const cp = ch.codePointAt(0)!;
        const size = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
        octets += size;
        if (octets > 74) {
          out += '\r\n ';
          octets = size;
        }
        out += ch;
      }
      return out;
    })
    .join('\r\n');
}

type SpeakerRow = { sessionId: string; name: string; organization: string | null };

/** The planned speakers of the given sessions, in order: one query whatever their number. */
export async function speakersOf(
  db: Db,
  sessionIds: string[],
): Promise<Map<string, FeedEntry['speakers']>> {
  const out = new Map<string, FeedEntry['speakers']>();
  if (sessionIds.length === 0) return out;
  const rows: SpeakerRow[] = await db
    .select({
      sessionId: sessionSpeakers.sessionId,
      name: sessionSpeakers.name,
      organization: sessionSpeakers.organization,
    })
    .from(sessionSpeakers)
    .where(inArray(sessionSpeakers.sessionId, sessionIds))
    .orderBy(asc(sessionSpeakers.sessionId), asc(sessionSpeakers.position));
  for (const r of rows) {
    const list = out.get(r.sessionId) ?? [];
    list.push({ name: r.name, organization: r.organization });
    out.set(r.sessionId, list);
  }
  return out;
}

/**
 * The sessions of one meeting (or one session of it) with their working groups and
 * speakers, as public feeds show them (never the online link): two queries.
 */
export async function meetingFeedEntries(
  db: Db,
  meeting: MeetingRow,
  onlySessionId?: string,
): Promise<FeedEntry[]> {
  const rows = await db
    .select({ session: sessions, wgCode: workingGroups.code, wgName: workingGroups.name })
    .from(sessions)
    .leftJoin(workingGroups, eq(workingGroups.id, sessions.workingGroupId))
    .where(onlySessionId ? eq(sessions.id, onlySessionId) : eq(sessions.meetingId, meeting.id))
    .orderBy(asc(sessions.startsAt), asc(sessions.id));
  const speakers = await speakersOf(
    db,
    rows.map((r) => r.session.id),
  );
  return rows.map((r) => ({
    session: r.session,
    meeting,
    workingGroup: r.wgCode && r.wgName ? { code: r.wgCode, name: r.wgName } : null,
    speakers: speakers.get(r.session.id) ?? [],
    showOnlineUrl: false,
  }));
}
