import { greet, type MeetingRef, type Template } from './types.js';

/** One session in a change notice, already in the recipient's language and zone. */
export interface AgendaChangeItem {
  sessionId: string;
  title: string;
  /** The session's (new) time in the meeting's zone, e.g. "Tue 15 Dec, 09:00–10:30". */
  when: string;
  room: string | null;
  cancelled: boolean;
}

/**
 * Sessions a delegate bookmarked have moved, been renamed or cancelled. Changes made
 * within CHANGE_NOTICE_DELAY_S reach her as one message: the outbox merges the waiting
 * message's list with the new one (mergeAgendaChanges).
 */
export interface AgendaChangedParams {
  kind: 'agenda_changed';
  meeting: MeetingRef;
  /** The name of the meeting's time zone, as the times are given in it. */
  timezone: string;
  changes: AgendaChangeItem[];
  name?: string | null;
}

const line = {
  en: (c: AgendaChangeItem) =>
    c.cancelled
      ? `• ${c.title} — CANCELLED (was ${c.when}${c.room ? `, ${c.room}` : ''})`
      : `• ${c.title} — ${c.when}${c.room ? `, room: ${c.room}` : ''}`,
  ru: (c: AgendaChangeItem) =>
    c.cancelled
      ? `• ${c.title} — ОТМЕНЕНО (было: ${c.when}${c.room ? `, ${c.room}` : ''})`
      : `• ${c.title} — ${c.when}${c.room ? `, зал: ${c.room}` : ''}`,
};

export const agendaChanged: Template<AgendaChangedParams> = {
  en: (p) => ({
    subject:
      p.changes.length === 1
        ? `Agenda change: ${p.changes[0]!.title} — ${p.meeting.title}`
        : `${p.changes.length} agenda changes — ${p.meeting.title}`,
    greeting: greet.en(p.name),
    paragraphs: [
      `The programme of ${p.meeting.title} (${p.meeting.city}, ${p.meeting.dates}) has changed for ${p.changes.length === 1 ? 'a session' : 'sessions'} you bookmarked. Times are in the meeting's time zone (${p.timezone}):`,
      p.changes.map(line.en).join('\n'),
      'Calendars subscribed to your Kengash feed update by themselves.',
    ],
    action: { label: 'Open the agenda', url: p.meeting.url },
  }),
  ru: (p) => ({
    subject:
      p.changes.length === 1
        ? `Изменение в программе: ${p.changes[0]!.title} — ${p.meeting.title}`
        : `Изменения в программе (${p.changes.length}) — ${p.meeting.title}`,
    greeting: greet.ru(p.name),
    paragraphs: [
      `В программе мероприятия «${p.meeting.title}» (${p.meeting.city}, ${p.meeting.dates}) изменились ${p.changes.length === 1 ? 'сессия' : 'сессии'}, отмеченные вами. Время указано по часовому поясу мероприятия (${p.timezone}):`,
      p.changes.map(line.ru).join('\n'),
      'Календари, подписанные на вашу ленту Kengash, обновятся сами.',
    ],
    action: { label: 'Открыть программу', url: p.meeting.url },
  }),
};

/** The outbox's merge: one entry a session, the newest state of each, first seen first. */
export function mergeAgendaChanges(
  waiting: AgendaChangedParams,
  next: AgendaChangedParams,
): AgendaChangedParams {
  const changes = [...waiting.changes];
  for (const c of next.changes) {
    const i = changes.findIndex((w) => w.sessionId === c.sessionId);
    if (i >= 0) changes[i] = c;
    else changes.push(c);
  }
  return { ...next, changes };
}
