/**
 * The meeting editor's fields, shared by the "New meeting" page and the console's settings:
 * the names of the form fields and the values a form starts with. Browser-safe (no zod).
 */
import type { MeetingView } from '@kengash/core/schemas';
import { toZonedInput } from './zoned';

/** Languages offered for a meeting's content, besides those it already has. */
export const CONTENT_LANGUAGES = ['en', 'ru', 'uz', 'kk', 'ky', 'tg', 'tk'] as const;

export type MeetingFormValues = Record<string, string | boolean | string[]>;

/** The languages whose title and description the form edits, the meeting's first. */
export function textLanguagesOf(meeting: MeetingView | null): string[] {
  if (!meeting) return ['en', 'ru'];
  const present = [
    ...meeting.languages,
    ...Object.keys(meeting.translations.title),
    ...Object.keys(meeting.translations.description),
  ];
  return [...new Set(present)];
}

/** Every language a checkbox is offered for: the meeting's own first, in its order. */
export function languageChoices(meeting: MeetingView | null): string[] {
  return [...new Set([...(meeting?.languages ?? []), ...CONTENT_LANGUAGES])];
}

/** What the form shows for a meeting before anyone has typed. */
export function meetingFormValues(meeting: MeetingView | null): MeetingFormValues {
  if (!meeting)
    return {
      timezone: 'Asia/Tashkent',
      country: 'UZ',
      registrationMode: 'open',
      languages: ['en', 'ru'],
    };
  const values: MeetingFormValues = {
    series: meeting.series ?? '',
    venue: meeting.venue ?? '',
    city: meeting.city,
    country: meeting.country,
    timezone: meeting.timezone,
    startsAt: toZonedInput(meeting.startsAt, meeting.timezone),
    endsAt: toZonedInput(meeting.endsAt, meeting.timezone),
    registrationMode: meeting.registrationMode,
    registrationOpensAt: toZonedInput(meeting.registrationOpensAt, meeting.timezone),
    registrationClosesAt: toZonedInput(meeting.registrationClosesAt, meeting.timezone),
    capacity: String(meeting.capacity),
    maxPerCountry: meeting.maxPerCountry === null ? '' : String(meeting.maxPerCountry),
    languages: [...meeting.languages],
    hostOrganizations: meeting.hostOrganizations.join('\n'),
  };
  for (const lang of textLanguagesOf(meeting)) {
    values[`title_${lang}`] = meeting.translations.title[lang] ?? '';
    values[`description_${lang}`] = meeting.translations.description[lang] ?? '';
  }
  return values;
}
