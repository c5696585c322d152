/**
 * The session editor's fields: what the form starts with for a session (or a new one),
 * and the room-conflict check it shows before saving. Browser-safe (no zod).
 */
import type { MeetingView, SessionView } from '@kengash/core/schemas';
import type { FormValues } from './forms';
import { fromZonedInput, toZonedInput } from './zoned';

/** The languages of a session's title and description: the meeting's, then any given. */
export function sessionLanguagesOf(meeting: MeetingView, session: SessionView | null): string[] {
  return [
    ...new Set([
      ...meeting.languages,
      ...Object.keys(session?.translations.title ?? {}),
      ...Object.keys(session?.translations.description ?? {}),
    ]),
  ];
}

export function sessionFormValues(meeting: MeetingView, session: SessionView | null): FormValues {
  const zone = meeting.timezone;
  if (!session)
    return {
      kind: 'plenary',
      startsAt: toZonedInput(meeting.startsAt, zone),
      endsAt: '',
      qaEnabled: true,
      qaModerated: false,
      interpretation: [],
    };
  const values: FormValues = {
    kind: session.kind,
    startsAt: toZonedInput(session.startsAt, zone),
    endsAt: toZonedInput(session.endsAt, zone),
    room: session.room ?? '',
    workingGroupCode: session.workingGroupCode ?? '',
    onlineUrl: session.onlineUrl ?? '',
    interpretation: [...session.interpretation],
    qaEnabled: session.qaEnabled,
    qaModerated: session.qaModerated,
    speakingMinutes: String(session.speakingMinutes),
  };
  for (const lang of sessionLanguagesOf(meeting, session)) {
    values[`title_${lang}`] = session.translations.title[lang] ?? '';
    values[`description_${lang}`] = session.translations.description[lang] ?? '';
  }
  return values;
}

/**
 * Another scheduled session in the same room at an overlapping time, as typed in the form
 * (times in the meeting's zone); null when the room is free.
 */
export function roomConflict<
  S extends Pick<SessionView, 'id' | 'room' | 'startsAt' | 'endsAt' | 'status'>,
>(
  sessions: readonly S[],
  input: { id?: string | null; room: string; startsAt: string; endsAt: string },
  timeZone: string,
): S | null {
  const room = input.room.trim().toLocaleLowerCase();
  if (!room) return null;
  const start = fromZonedInput(input.startsAt, timeZone);
  const end = fromZonedInput(input.endsAt, timeZone);
  if (!start || !end || Date.parse(end) <= Date.parse(start)) return null;
  return (
    sessions.find(
      (s) =>
        s.id !== input.id &&
        s.status !== 'cancelled' &&
        (s.room ?? '').trim().toLocaleLowerCase() === room &&
        Date.parse(s.startsAt) < Date.parse(end) &&
        Date.parse(s.endsAt) > Date.parse(start),
    ) ?? null
  );
}
