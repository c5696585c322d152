import { eq } from 'drizzle-orm';
import { meetings } from '@kengash/db';
import type { MeetingAccess } from '../access/meeting-access.js';
import type { Effects } from '../changes/envelope.js';
import { invalid, notFound } from '../errors.js';
import { hasText, mergeText } from '../schemas/lang.js';
import { meetingWindowIssues, type MeetingUpdate } from '../schemas/meetings.js';
import { dateOrNull, iso, type MeetingRow } from './rows.js';

/** The fields whose change moves seats; the registrations area changes them. */
export type SeatFields = 'capacity' | 'maxPerCountry';

/**
 * Writes the meeting's own fields of a PATCH (not its seats) under the caller's lock and
 * records it. Called by the use-case that owns the whole PATCH (registrations'
 * updateMeeting), which also moves seats when capacity or maxPerCountry change.
 */
export async function applyMeetingUpdate(
  fx: Effects,
  access: MeetingAccess,
  input: Omit<MeetingUpdate, SeatFields>,
): Promise<MeetingRow> {
  const old = access.meeting;
  const merged = {
    startsAt: input.startsAt ?? old.startsAt.toISOString(),
    endsAt: input.endsAt ?? old.endsAt.toISOString(),
    registrationOpensAt:
      input.registrationOpensAt === undefined
        ? iso(old.registrationOpensAt)
        : input.registrationOpensAt,
    registrationClosesAt:
      input.registrationClosesAt === undefined
        ? iso(old.registrationClosesAt)
        : input.registrationClosesAt,
  };
  const issues = meetingWindowIssues(merged);
  const languages = input.languages ?? old.languages;
  const first = languages[0] ?? 'en';
  const set: Partial<typeof meetings.$inferInsert> = { updatedAt: new Date() };
  if (input.title !== undefined) {
    set.title = mergeText(old.title, input.title, first);
    if (!hasText(set.title)) issues.push({ path: 'title', message: 'Give a title' });
  }
  if (input.description !== undefined) {
    const d =
      input.description === null ? {} : mergeText(old.description, input.description, first);
    set.description = hasText(d) ? d : null;
  }
  if (issues.length) throw invalid(issues);
  const plain = [
    'series',
    'venue',
    'city',
    'country',
    'timezone',
    'registrationMode',
    'languages',
    'hostOrganizations',
  ] as const;
  for (const k of plain) if (input[k] !== undefined) (set as Record<string, unknown>)[k] = input[k];
  for (const k of ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt'] as const)
    if (input[k] !== undefined) set[k] = dateOrNull(input[k]) as Date;
  const [m] = await fx.tx.update(meetings).set(set).where(eq(meetings.id, old.id)).returning();
  if (!m) throw notFound('Meeting');
  const fields = Object.keys(input).filter((k) => input[k as keyof typeof input] !== undefined);
  if (fields.length)
    await fx.audit({
      meetingId: m.id,
      actor: access.actor,
      action: 'meeting.updated',
      entityType: 'meeting',
      entityId: m.id,
      data: { fields },
    });
  return m;
}
