/** The staff of a meeting: organizers, moderators, rapporteurs (organizer only). */
import { and, count, eq } from 'drizzle-orm';
import { meetingStaff, users } from '@kengash/db';
import { requireOrganizer } from '../access/meeting-access.js';
import { ensureUser } from '../accounts/ensure-user.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import { conflict, notFound } from '../errors.js';
import type { StaffView } from '../schemas/meetings.js';
import type { StaffRole } from '../schemas/values.js';

interface StaffInput {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
  email: string;
  role: StaffRole;
}

/** GET /api/meetings/:slug/staff */
export async function listStaff(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
}): Promise<StaffView[]> {
  const access = await requireOrganizer(input.ctx.db, input.actor, { slug: input.slug });
  const rows = await input.ctx.db
    .select({
      email: users.email,
      name: users.name,
      role: meetingStaff.role,
      since: meetingStaff.createdAt,
    })
    .from(meetingStaff)
    .innerJoin(users, eq(users.id, meetingStaff.userId))
    .where(eq(meetingStaff.meetingId, access.meeting.id))
    .orderBy(meetingStaff.role, users.email);
  return rows.map((r) => ({ ...r, since: r.since.toISOString() }));
}

/** PUT /api/meetings/:slug/staff — idempotent. */
export async function putStaff(input: StaffInput): Promise<StaffView> {
  return change(input.ctx, async (fx) => {
    const access = await requireOrganizer(fx.tx, input.actor, { slug: input.slug });
    const user = await ensureUser(fx.tx, { email: input.email });
    const [added] = await fx.tx
      .insert(meetingStaff)
      .values({ meetingId: access.meeting.id, userId: user.id, role: input.role })
      .onConflictDoNothing()
      .returning();
    if (added)
      await fx.audit({
        meetingId: access.meeting.id,
        actor: input.actor,
        action: 'staff.added',
        entityType: 'staff',
        entityId: user.id,
        data: { email: user.email, role: input.role },
      });
    return { email: user.email, name: user.name, role: input.role };
  });
}

/** DELETE /api/meetings/:slug/staff — a meeting keeps at least one organizer. */
export async function removeStaff(input: StaffInput): Promise<void> {
  await change(input.ctx, async (fx) => {
    // Locked: two organizers removing each other at once must not leave none.
    const access = await requireOrganizer(fx.tx, input.actor, { slug: input.slug }, { lock: true });
    const [user] = await fx.tx.select().from(users).where(eq(users.email, input.email));
    if (!user) throw notFound('Staff member');
    if (input.role === 'organizer') {
      const [{ n } = { n: 0 }] = await fx.tx
        .select({ n: count() })
        .from(meetingStaff)
        .where(
          and(eq(meetingStaff.meetingId, access.meeting.id), eq(meetingStaff.role, 'organizer')),
        );
      if (n <= 1) throw conflict('A meeting keeps at least one organizer');
    }
    const removed = await fx.tx
      .delete(meetingStaff)
      .where(
        and(
          eq(meetingStaff.meetingId, access.meeting.id),
          eq(meetingStaff.userId, user.id),
          eq(meetingStaff.role, input.role),
        ),
      )
      .returning();
    if (removed.length === 0) throw notFound('Staff member');
    await fx.audit({
      meetingId: access.meeting.id,
      actor: input.actor,
      action: 'staff.removed',
      entityType: 'staff',
      entityId: user.id,
      data: { email: user.email, role: input.role },
    });
  });
}
