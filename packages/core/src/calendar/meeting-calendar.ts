/**
 * iCalendar (RFC 5545) for a meeting, made with ical-generator. Times are written in UTC,
 * so no VTIMEZONE is needed and every client places them at the right instant; the UID is
 * derived from the entity's id and the public host, so it never changes.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { MeetingRow } from '../access/meeting-access.js';
import { pickText } from '../schemas/lang.js';
import { calendarName } from './session-events.js';

export const uidHost = (publicUrl: string) => new URL(publicUrl).host;

export function meetingCalendar(input: {
  publicUrl: string;
  meeting: MeetingRow;
  locale: string;
  method?: 'publish' | 'request';
}): string {
  const m = input.meeting;
  const title = pickText(m.title, [input.locale], m.languages)?.text ?? m.slug;
  const description = pickText(m.description, [input.locale], m.languages)?.text ?? '';
  const cal = ical({
    name: calendarName(title),
    prodId: { company: 'Kengash', product: 'Kengash', language: 'EN' },
    ...(input.method
      ? {
          method:
            input.method === 'request' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.PUBLISH,
        }
      : {}),
  });
  cal.createEvent({
    id: `meeting-${m.id}@${uidHost(input.publicUrl)}`,
    start: m.startsAt,
    end: m.endsAt,
    stamp: m.updatedAt,
    summary: title,
    location: [m.venue, m.city, m.country].filter(Boolean).join(', '),
    description,
    url: `${input.publicUrl}/meetings/${m.slug}`,
    status: ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}
