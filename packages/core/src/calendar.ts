/**
 * iCalendar (RFC 5545) for meetings, made with ical-generator. Times are written in UTC,
 * so no VTIMEZONE is needed and every client places them at the right instant; the UID is
 * derived from the entity's id and the public host, so it never changes.
 */
import ical, { ICalCalendarMethod, ICalEventStatus } from 'ical-generator';
import type { MeetingRow } from './meetings.js';

export const uidHost = (publicUrl: string) => new URL(publicUrl).host;

export function meetingCalendar(
  publicUrl: string,
  m: MeetingRow,
  method?: 'publish' | 'request',
): string {
  const cal = ical({
    name: m.title,
    prodId: { company: 'Kengash', product: 'Kengash', language: 'EN' },
    ...(method
      ? { method: method === 'request' ? ICalCalendarMethod.REQUEST : ICalCalendarMethod.PUBLISH }
      : {}),
  });
  cal.createEvent({
    id: `meeting-${m.id}@${uidHost(publicUrl)}`,
    start: m.startsAt,
    end: m.endsAt,
    stamp: m.updatedAt,
    summary: m.title,
    location: [m.venue, m.city, m.country].filter(Boolean).join(', '),
    description: m.description ?? '',
    url: `${publicUrl}/meetings/${m.slug}`,
    status: m.status === 'closed' ? ICalEventStatus.CONFIRMED : ICalEventStatus.CONFIRMED,
  });
  return cal.toString();
}
