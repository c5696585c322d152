import { and, asc, count, eq, inArray, or, sql } from 'drizzle-orm';
import { meetings, meetingStaff, registrations, users, workingGroups, type Db } from '@kengash/db';
import { writeAudit } from './audit.js';
import { ensureUser } from './auth.js';
import type { Actor, Ctx } from './context.js';
import { AppError, conflict, forbidden, invalid, isUniqueViolation, notFound } from './errors.js';
import {
  type MeetingCreate,
  type MeetingUpdate,
  meetingWindowIssues,
  type StaffRole,
} from './schemas/index.js';

export type MeetingRow = typeof meetings.$inferSelect;

const iso = (d: Date | null) => (d ? d.toISOString() : null);

/** A meeting with what this viewer may know about it. */
export interface MeetingAccess {
  meeting: MeetingRow;
  roles: StaffRole[];
}

export const isOrganizer = (a: MeetingAccess, actor: Actor | null) =>
  !!actor?.isAdmin || a.roles.includes('organizer');
/** Organizers can do what moderators and rapporteurs can. */
export const hasRole = (a: MeetingAccess, actor: Actor | null, role: StaffRole) =>
  isOrganizer(a, actor) || a.roles.includes(role);
export const isStaff = (a: MeetingAccess, actor: Actor | null) =>
  !!actor?.isAdmin || a.roles.length > 0;

export async function meetingAccess(
  db: Db,
  slug: string,
  actor: Actor | null,
): Promise<MeetingAccess> {
  const [meeting] = await db.select().from(meetings).where(eq(meetings.slug, slug));
  if (!meeting) throw notFound('Meeting');
  const roles = actor
    ? (
        await db
          .select({ role: meetingStaff.role })
          .from(meetingStaff)
          .where(and(eq(meetingStaff.meetingId, meeting.id), eq(meetingStaff.userId, actor.userId)))
      ).map((r) => r.role)
    : [];
  const access = { meeting, roles };
  // A draft does not exist for those who may not see it.
  if (meeting.status === 'draft' && !isStaff(access, actor)) throw notFound('Meeting');
  return access;
}

export async function requireOrganizer(
  db: Db,
  slug: string,
  actor: Actor | null,
): Promise<MeetingAccess> {
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  const access = await meetingAccess(db, slug, actor);
  if (!isOrganizer(access, actor))
    throw forbidden('Only the organizers of this meeting can do this');
  return access;
}

export function registrationOpen(m: MeetingRow, now = new Date()): boolean {
  return (
    m.status === 'published' &&
    (!m.registrationOpensAt || m.registrationOpensAt <= now) &&
    (!m.registrationClosesAt || m.registrationClosesAt > now) &&
    m.endsAt > now
  );
}

export interface MeetingCounts {
  confirmedCount: number;
  waitlistCount: number;
}

async function countsFor(db: Db, ids: string[]): Promise<Map<string, MeetingCounts>> {
  const map = new Map<string, MeetingCounts>();
  if (ids.length === 0) return map;
  const rows = await db
    .select({ meetingId: registrations.meetingId, status: registrations.status, n: count() })
    .from(registrations)
    .where(
      and(
        inArray(registrations.meetingId, ids),
        inArray(registrations.status, ['confirmed', 'waitlisted']),
      ),
    )
    .groupBy(registrations.meetingId, registrations.status);
  for (const id of ids) map.set(id, { confirmedCount: 0, waitlistCount: 0 });
  for (const r of rows) {
    const c = map.get(r.meetingId)!;
    if (r.status === 'confirmed') c.confirmedCount = r.n;
    else c.waitlistCount = r.n;
  }
  return map;
}

export function serializeMeeting(m: MeetingRow, counts: MeetingCounts, roles: StaffRole[] = []) {
  return {
    id: m.id,
    slug: m.slug,
    series: m.series,
    title: m.title,
    description: m.description,
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
    registrationOpen: registrationOpen(m),
    confirmedCount: counts.confirmedCount,
    waitlistCount: counts.waitlistCount,
    viewerRoles: roles,
    createdAt: m.createdAt.toISOString(),
    updatedAt: m.updatedAt.toISOString(),
  };
}
export type MeetingView = ReturnType<typeof serializeMeeting>;

export async function getMeeting(
  ctx: Ctx,
  slug: string,
  actor: Actor | null,
): Promise<MeetingView> {
  const access = await meetingAccess(ctx.db, slug, actor);
  const counts = await countsFor(ctx.db, [access.meeting.id]);
  return serializeMeeting(access.meeting, counts.get(access.meeting.id)!, access.roles);
}

/** Published meetings, plus every meeting the caller staffs (all of them for admins). */
export async function listMeetings(ctx: Ctx, actor: Actor | null): Promise<MeetingView[]> {
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
        eq(meetings.status, 'published'),
        eq(meetings.status, 'closed'),
        staffed.length ? inArray(meetings.id, [...rolesBy.keys()]) : sql`false`,
      );
  const rows = await ctx.db.select().from(meetings).where(visible).orderBy(asc(meetings.startsAt));
  const counts = await countsFor(
    ctx.db,
    rows.map((r) => r.id),
  );
  return rows.map((m) => serializeMeeting(m, counts.get(m.id)!, rolesBy.get(m.id) ?? []));
}

const dateOrNull = (s: string | null | undefined) => (s ? new Date(s) : null);

export async function createMeeting(
  ctx: Ctx,
  actor: Actor | null,
  input: MeetingCreate,
): Promise<MeetingView> {
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  if (!actor.isAdmin) throw forbidden('Only platform admins can create meetings');
  try {
    return await ctx.db.transaction(async (tx) => {
      const [m] = await tx
        .insert(meetings)
        .values({
          slug: input.slug,
          series: input.series ?? null,
          title: input.title,
          description: input.description ?? null,
          venue: input.venue ?? null,
          city: input.city,
          country: input.country,
          timezone: input.timezone,
          startsAt: new Date(input.startsAt),
          endsAt: new Date(input.endsAt),
          capacity: input.capacity,
          registrationMode: input.registrationMode,
          registrationOpensAt: dateOrNull(input.registrationOpensAt),
          registrationClosesAt: dateOrNull(input.registrationClosesAt),
          maxPerCountry: input.maxPerCountry ?? null,
          ...(input.languages ? { languages: input.languages } : {}),
          ...(input.hostOrganizations ? { hostOrganizations: input.hostOrganizations } : {}),
          createdBy: actor.userId,
        })
        .returning();
      if (!m) throw new Error('insert returned nothing');
      // The admin who creates a meeting is its organizer.
      await tx
        .insert(meetingStaff)
        .values({ meetingId: m.id, userId: actor.userId, role: 'organizer' });
      await writeAudit(tx, {
        meetingId: m.id,
        actor,
        action: 'meeting.created',
        entityType: 'meeting',
        entityId: m.id,
      });
      return serializeMeeting(m, { confirmedCount: 0, waitlistCount: 0 }, ['organizer']);
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw conflict(`The slug "${input.slug}" is taken`);
    throw err;
  }
}

export async function updateMeeting(
  ctx: Ctx,
  actor: Actor | null,
  slug: string,
  input: MeetingUpdate,
  afterCapacityChange?: (tx: Db, meeting: MeetingRow) => Promise<void>,
): Promise<MeetingView> {
  const view = await ctx.db.transaction(async (tx) => {
    const access = await requireOrganizer(tx, slug, actor);
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
    if (issues.length) throw invalid(issues);
    const set: Partial<typeof meetings.$inferInsert> = { updatedAt: new Date() };
    for (const [k, v] of Object.entries(input)) {
      if (v === undefined) continue;
      if (['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt'].includes(k))
        (set as Record<string, unknown>)[k] = dateOrNull(v as string | null);
      else (set as Record<string, unknown>)[k] = v;
    }
    const [m] = await tx.update(meetings).set(set).where(eq(meetings.id, old.id)).returning();
    if (!m) throw notFound('Meeting');
    await writeAudit(tx, {
      meetingId: m.id,
      actor,
      action: 'meeting.updated',
      entityType: 'meeting',
      entityId: m.id,
      data: { fields: Object.keys(input) },
    });
    if ((input.capacity !== undefined || input.maxPerCountry !== undefined) && afterCapacityChange)
      await afterCapacityChange(tx, m);
    const counts = await countsFor(tx, [m.id]);
    return serializeMeeting(m, counts.get(m.id)!, access.roles);
  });
  ctx.onMailQueued?.();
  return view;
}

/** The meeting's own state machine: draft → published ⇄ closed. */
const meetingTransitions: Record<
  string,
  { from: MeetingRow['status'][]; to: MeetingRow['status'] }
> = {
  publish: { from: ['draft', 'closed'], to: 'published' },
  close: { from: ['published'], to: 'closed' },
};

export async function setMeetingStatus(
  ctx: Ctx,
  actor: Actor | null,
  slug: string,
  action: 'publish' | 'close',
): Promise<MeetingView> {
  return ctx.db.transaction(async (tx) => {
    const access = await requireOrganizer(tx, slug, actor);
    const rule = meetingTransitions[action]!;
    const [m] = await tx
      .update(meetings)
      .set({ status: rule.to, updatedAt: new Date() })
      .where(and(eq(meetings.id, access.meeting.id), inArray(meetings.status, rule.from)))
      .returning();
    if (!m)
      throw conflict(
        `A ${access.meeting.status} meeting cannot be ${action === 'publish' ? 'published' : 'closed'}`,
      );
    await writeAudit(tx, {
      meetingId: m.id,
      actor,
      action: `meeting.${action === 'publish' ? 'published' : 'closed'}`,
      entityType: 'meeting',
      entityId: m.id,
    });
    const counts = await countsFor(tx, [m.id]);
    return serializeMeeting(m, counts.get(m.id)!, access.roles);
  });
}

export async function listStaff(ctx: Ctx, actor: Actor | null, slug: string) {
  const access = await requireOrganizer(ctx.db, slug, actor);
  const rows = await ctx.db
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

export async function putStaff(
  ctx: Ctx,
  actor: Actor | null,
  slug: string,
  input: { email: string; role: StaffRole },
) {
  return ctx.db.transaction(async (tx) => {
    const access = await requireOrganizer(tx, slug, actor);
    const user = await ensureUser(tx, input.email);
    const [added] = await tx
      .insert(meetingStaff)
      .values({ meetingId: access.meeting.id, userId: user.id, role: input.role })
      .onConflictDoNothing()
      .returning();
    if (added)
      await writeAudit(tx, {
        meetingId: access.meeting.id,
        actor,
        action: 'staff.added',
        entityType: 'staff',
        entityId: user.id,
        data: { email: user.email, role: input.role },
      });
    return { email: user.email, name: user.name, role: input.role };
  });
}

export async function removeStaff(
  ctx: Ctx,
  actor: Actor | null,
  slug: string,
  input: { email: string; role: StaffRole },
) {
  await ctx.db.transaction(async (tx) => {
    const access = await requireOrganizer(tx, slug, actor);
    const [user] = await tx.select().from(users).where(eq(users.email, input.email));
    if (!user) throw notFound('Staff member');
    if (input.role === 'organizer') {
      const [{ n } = { n: 0 }] = await tx
        .select({ n: count() })
        .from(meetingStaff)
        .where(
          and(eq(meetingStaff.meetingId, access.meeting.id), eq(meetingStaff.role, 'organizer')),
        );
      if (n <= 1) throw conflict('A meeting keeps at least one organizer');
    }
    const removed = await tx
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
    await writeAudit(tx, {
      meetingId: access.meeting.id,
      actor,
      action: 'staff.removed',
      entityType: 'staff',
      entityId: user.id,
      data: { email: user.email, role: input.role },
    });
  });
}

export async function createWorkingGroup(
  ctx: Ctx,
  actor: Actor | null,
  slug: string,
  input: { code: string; name: string },
) {
  try {
    return await ctx.db.transaction(async (tx) => {
      const access = await requireOrganizer(tx, slug, actor);
      const [wg] = await tx
        .insert(workingGroups)
        .values({ meetingId: access.meeting.id, code: input.code.toUpperCase(), name: input.name })
        .returning();
      if (!wg) throw new Error('insert returned nothing');
      await writeAudit(tx, {
        meetingId: access.meeting.id,
        actor,
        action: 'working_group.created',
        entityType: 'working_group',
        entityId: wg.id,
      });
      return { id: wg.id, code: wg.code, name: wg.name };
    });
  } catch (err) {
    if (isUniqueViolation(err))
      throw conflict(`Working group ${input.code.toUpperCase()} exists already`);
    throw err;
  }
}

export async function listWorkingGroups(ctx: Ctx, actor: Actor | null, slug: string) {
  const access = await meetingAccess(ctx.db, slug, actor);
  return ctx.db
    .select({ id: workingGroups.id, code: workingGroups.code, name: workingGroups.name })
    .from(workingGroups)
    .where(eq(workingGroups.meetingId, access.meeting.id))
    .orderBy(workingGroups.code);
}
