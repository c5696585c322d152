import {
  type MeetingAccess,
  meetingActionsFor,
  registrationOpen,
} from '../access/meeting-access.js';
import { pickText } from '../schemas/lang.js';
import type { MeetingView, WorkingGroupView } from '../schemas/meetings.js';
import { iso, type MeetingCounts, type MeetingRow } from './rows.js';

/** A meeting as this viewer may see it, texts in the language they asked for. */
export function toMeetingView(
  a: MeetingAccess,
  counts: MeetingCounts,
  wanted: readonly string[],
  now = new Date(),
): MeetingView {
  const m = a.meeting;
  const title = pickText(m.title, wanted, m.languages);
  const description = pickText(m.description, wanted, m.languages);
  return {
    id: m.id,
    slug: m.slug,
    series: m.series,
    title: title?.text ?? m.slug,
    description: description?.text ?? null,
    venue: m.venue,
    city: m.city,
    country: m.country,
    timezone: m.timezone,
    startsAt: m.startsAt.toISOString(),
    endsAt: m.endsAt.toISOString(),
    capacity: m.capacity,
    registrationMode: m.registrationMode,
    registrationOpensAt: iso(m.registrationOpensAt),
    registrationClosesAt: iso(m.registrationClosesAt),
    maxPerCountry: m.maxPerCountry,
    languages: m.languages,
    hostOrganizations: m.hostOrganizations,
    status: m.status,
    registrationOpen: registrationOpen(m, now),
    confirmedCount: counts.confirmedCount,
    waitlistCount: counts.waitlistCount,
    viewerRoles: a.roles,
    allowedActions: meetingActionsFor(a, now),
    viewerRegistration: a.registration,
    textLang: {
      title: title?.lang ?? m.languages[0] ?? 'en',
      description: description?.lang ?? null,
    },
    translations: { title: m.title, description: m.description ?? {} },
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}

export function toWorkingGroupView(
  wg: { id: string; code: string; name: Record<string, string> },
  wanted: readonly string[],
  languages: readonly string[],
): WorkingGroupView {
  const name = pickText(wg.name, wanted, languages);
  return {
    id: wg.id,
    code: wg.code,
    name: name?.text ?? wg.code,
    nameLang: name?.lang ?? languages[0] ?? 'en',
    translations: { name: wg.name },
  };
}

export type { MeetingRow };
