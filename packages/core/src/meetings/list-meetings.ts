import { and, asc, eq, inArray, or, sql } from 'drizzle-orm';
import { meetings, meetingStaff, registrations } from '@kengash/db';
import type { MeetingAccess } from '../access/meeting-access.js';
import type { Actor, Ctx } from '../context.js';
import type { MeetingView } from '../schemas/meetings.js';
import type { RegistrationStatus, StaffRole } from '../schemas/values.js';
import { countsFor } from './rows.js';
import { toMeetingView } from './views.js';

/**
 * GET /api/meetings — published and closed meetings (past ones stay readable), plus every
 * meeting the caller staffs (all of them for admins). Four queries whatever the count.
 */
export async function listMeetings(input: {
  ctx: Ctx;
  actor: Actor | null;
  langs: readonly string[];
}): Promise<MeetingView[]> {
  const { ctx, actor } = input;
  const staffed = actor
    ? await ctx.db
        .select({ meetingId: meetingStaff.meetingId, role: meetingStaff.role })
        .from(meetingStaff)
        .where(eq(meetingStaff.userId, actor.userId))
    : [];
  const rolesBy = new Map<string, StaffRole[]>();
  for (const s of staffed) rolesBy.set(s.meetingId, [...(rolesBy.get(s.meetingId) ?? []), s.role]);
  const visible = actor?.isAdmin
    ? undefined
    : or(
        inArray(meetings.status, ['published', 'closed']),
        staffed.length ? inArray(meetings.id, [...rolesBy.keys()]) : sql`false`,
      );
  const rows = await ctx.db.select().from(meetings).where(visible).orderBy(asc(meetings.startsAt));
  const ids = rows.map((r) => r.id);
  const counts = await countsFor(ctx.db, ids);
  const regs =
    actor && ids.length
      ? await ctx.db
          .select({
            meetingId: registrations.meetingId,
            id: registrations.id,
            status: registrations.status,
          })
          .from(registrations)
          .where(
            and(
              inArray(registrations.meetingId, ids),
              eq(registrations.userId, actor.userId),
              inArray(registrations.status, ['pending', 'confirmed', 'waitlisted']),
            ),
          )
      : [];
  const regBy = new Map<string, { id: string; status: RegistrationStatus }>(
    regs.map((r) => [r.meetingId, { id: r.id, status: r.status }]),
  );
  return rows.map((m) => {
    const access: MeetingAccess = {
      meeting: m,
      actor,
      roles: rolesBy.get(m.id) ?? [],
      registration: regBy.get(m.id) ?? null,
    };
    return toMeetingView(access, counts.get(m.id)!, input.langs);
  });
}
