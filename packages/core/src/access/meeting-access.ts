/**
 * Who the actor is to a meeting, answered in one place: staff roles, the registration and
 * whether it is confirmed (a *registrant*). Use-cases ask the predicates below; the API
 * tells pages what the viewer may do (allowedActions), so nobody re-derives roles.
 */
import { and, desc, eq, inArray, type SQL } from 'drizzle-orm';
import { meetings, meetingStaff, registrations, type Db } from '@kengash/db';
import type { Actor } from '../context.js';
import { AppError, forbidden, notFound } from '../errors.js';
import type { MeetingAction } from '../schemas/meetings.js';
import type { RegistrationStatus, StaffRole } from '../schemas/values.js';

export type MeetingRow = typeof meetings.$inferSelect;

export interface MeetingAccess {
  meeting: MeetingRow;
  actor: Actor | null;
  roles: StaffRole[];
  /** The actor's live registration (pending, confirmed or waitlisted), if any. */
  registration: { id: string; status: RegistrationStatus } | null;
}

export const isAdmin = (a: MeetingAccess) => !!a.actor?.isAdmin;
export const isOrganizer = (a: MeetingAccess) => isAdmin(a) || a.roles.includes('organizer');
export const isStaff = (a: MeetingAccess) => isAdmin(a) || a.roles.length > 0;
/** Organizers can do what moderators and rapporteurs can. */
export const canModerate = (a: MeetingAccess) => isOrganizer(a) || a.roles.includes('moderator');
export const canDraft = (a: MeetingAccess) => isOrganizer(a) || a.roles.includes('rapporteur');
/** A signed-in user with a confirmed registration for the meeting. */
export const isRegistrant = (a: MeetingAccess) => a.registration?.status === 'confirmed';

export function registrationOpen(m: MeetingRow, now = new Date()): boolean {
  return (
    m.status === 'published' &&
    (!m.registrationOpensAt || m.registrationOpensAt <= now) &&
    (!m.registrationClosesAt || m.registrationClosesAt > now) &&
    m.endsAt > now
  );
}

/** The buttons a page may show this viewer. */
export function meetingActionsFor(a: MeetingAccess, now = new Date()): MeetingAction[] {
  const out: MeetingAction[] = [];
  if (!a.registration && !isStaff(a) && registrationOpen(a.meeting, now)) out.push('register');
  if (a.registration) out.push('viewOwnRegistration');
  if (isOrganizer(a)) {
    out.push('manage', 'edit', 'checkIn', 'manageStaff', 'exportRegistrations', 'editAgenda');
    if (a.meeting.status !== 'published') out.push('publish');
    if (a.meeting.status === 'published') out.push('close');
  }
  if (canModerate(a)) out.push('moderate');
  if (canDraft(a)) out.push('draftRecommendations');
  return out;
}

export type MeetingKey = { slug: string } | { id: string };
const whereKey = (key: MeetingKey): SQL =>
  'slug' in key ? eq(meetings.slug, key.slug) : eq(meetings.id, key.id);

/**
 * Loads a meeting with the actor's relation to it. A draft does not exist for those who
 * may not see it (404, as an unknown meeting). With `lock`, the meeting row is locked
 * FOR UPDATE: the lock under which its seats change.
 */
export async function loadAccess(
  db: Db,
  actor: Actor | null,
  key: MeetingKey,
  options: { lock?: boolean } = {},
): Promise<MeetingAccess> {
  const query = db.select().from(meetings).where(whereKey(key));
  const [meeting] = options.lock ? await query.for('update') : await query;
  if (!meeting) throw notFound('Meeting');
  let roles: StaffRole[] = [];
  let registration: MeetingAccess['registration'] = null;
  if (actor) {
    roles = (
      await db
        .select({ role: meetingStaff.role })
        .from(meetingStaff)
        .where(and(eq(meetingStaff.meetingId, meeting.id), eq(meetingStaff.userId, actor.userId)))
    ).map((r) => r.role);
    const [reg] = await db
      .select({ id: registrations.id, status: registrations.status })
      .from(registrations)
      .where(
        and(
          eq(registrations.meetingId, meeting.id),
          eq(registrations.userId, actor.userId),
          inArray(registrations.status, ['pending', 'confirmed', 'waitlisted']),
        ),
      )
      .orderBy(desc(registrations.createdAt))
      .limit(1);
    registration = reg ?? null;
    roles = roles.sort();
  }
  const access: MeetingAccess = { meeting, actor, roles, registration };
  if (meeting.status === 'draft' && !isStaff(access)) throw notFound('Meeting');
  return access;
}

export function requireSignedIn(actor: Actor | null): Actor {
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  return actor;
}

/** 401 without sign-in, 403 for those who see the meeting but may not do this. */
export function requireThat(
  a: MeetingAccess,
  allowed: (a: MeetingAccess) => boolean,
  message = 'Only the organizers of this meeting can do this',
): MeetingAccess {
  requireSignedIn(a.actor);
  if (!allowed(a)) throw forbidden(message);
  return a;
}

export async function requireOrganizer(
  db: Db,
  actor: Actor | null,
  key: MeetingKey,
  options: { lock?: boolean } = {},
): Promise<MeetingAccess> {
  requireSignedIn(actor);
  return requireThat(await loadAccess(db, actor, key, options), isOrganizer);
}
