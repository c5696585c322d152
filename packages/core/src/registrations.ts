/**
 * Registration: the delegate's path from the form to the badge.
 *
 * Every status change goes through setRegistrationStatus(), inside a transaction that has
 * locked the meeting row (lockMeeting). The lock serialises all changes of one meeting's
 * seats, so the counts read under it are exact: confirmed never exceeds capacity, nor a
 * country's confirmed its maxPerCountry, however many requests arrive at once.
 */
import { and, asc, count, eq, ilike, inArray, or, sql, type SQL } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import QRCode from 'qrcode';
import { meetings, registrations, type Db } from '@kengash/db';
import { writeAudit } from './audit.js';
import { createSignInLink, ensureUser } from './auth.js';
import { meetingCalendar } from './calendar.js';
import type { Actor, Ctx } from './context.js';
import { AppError, conflict, forbidden, isUniqueViolation, notFound } from './errors.js';
import { queueMail } from './mail/outbox.js';
import type { MeetingRef } from './mail/templates.js';
import {
  type MeetingRow,
  isOrganizer,
  meetingAccess,
  registrationOpen,
  requireOrganizer,
} from './meetings.js';
import {
  CONSENT_VERSION,
  type Locale,
  type RegistrationInput,
  type RegistrationStatus,
} from './schemas/index.js';
import { formatCheckInCode, newCheckInCode, normalizeCheckInCode } from './tokens.js';

export type RegistrationRow = typeof registrations.$inferSelect;

/** Links in registration e-mails stay valid longer than an asked-for link: mail is read late. */
const REGISTRATION_LINK_MINUTES = 72 * 60;

/**
 * The allowed transitions. pending and waitlisted wait for a seat or a decision; confirmed
 * holds a seat; declined and cancelled are final (a new registration may follow them).
 */
const transitions: Record<RegistrationStatus, RegistrationStatus[]> = {
  pending: ['confirmed', 'waitlisted', 'declined', 'cancelled'],
  waitlisted: ['confirmed', 'declined', 'cancelled'],
  confirmed: ['cancelled'],
  declined: [],
  cancelled: [],
};
export const canTransition = (from: RegistrationStatus, to: RegistrationStatus) =>
  transitions[from].includes(to);

/** Locks the meeting row: every change of its seats happens under this lock. */
async function lockMeeting(tx: Db, where: SQL): Promise<MeetingRow | undefined> {
  const [m] = await tx.select().from(meetings).where(where).for('update');
  return m;
}

interface SeatCounts {
  confirmed: number;
  byCountry: Map<string, number>;
}

async function seatCounts(tx: Db, meetingId: string): Promise<SeatCounts> {
  const rows = await tx
    .select({ country: registrations.country, n: count() })
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'confirmed')))
    .groupBy(registrations.country);
  const byCountry = new Map(rows.map((r) => [r.country, r.n]));
  return { confirmed: rows.reduce((s, r) => s + r.n, 0), byCountry };
}

const fits = (m: MeetingRow, c: SeatCounts, country: string) =>
  c.confirmed < m.capacity &&
  (m.maxPerCountry == null || (c.byCountry.get(country) ?? 0) < m.maxPerCountry);

function take(c: SeatCounts, country: string) {
  c.confirmed++;
  c.byCountry.set(country, (c.byCountry.get(country) ?? 0) + 1);
}

export function meetingDates(m: MeetingRow, locale: Locale): string {
  const f = new Intl.DateTimeFormat(locale, {
    timeZone: m.timezone,
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return f.formatRange(m.startsAt, m.endsAt);
}

function meetingRef(publicUrl: string, m: MeetingRow, locale: Locale): MeetingRef {
  return {
    title: m.title,
    city: m.city,
    dates: meetingDates(m, locale),
    url: `${publicUrl}/meetings/${m.slug}`,
  };
}

/**
 * The waiting list's order: the database clock read under the meeting lock. Not a time taken
 * before the lock (the request's arrival), or two sign-ups of one burst would be queued in
 * another order than the lock gave them their places, and told the same position.
 * clock_timestamp() has microsecond resolution and advances within a transaction, so
 * consecutive holders of the lock never tie; one database clock serves every process.
 */
const queueStamp = () => sql`clock_timestamp()`;

/** Dense 1..n positions of the waiting list, first come first served. */
async function waitlistPositions(tx: Db, meetingId: string): Promise<Map<string, number>> {
  const rows = await tx
    .select({ id: registrations.id })
    .from(registrations)
    .where(and(eq(registrations.meetingId, meetingId), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.waitlistedAt), asc(registrations.createdAt), asc(registrations.id));
  return new Map(rows.map((r, i) => [r.id, i + 1]));
}

async function waitlistPosition(tx: Db, reg: RegistrationRow): Promise<number | null> {
  if (reg.status !== 'waitlisted') return null;
  return (await waitlistPositions(tx, reg.meetingId)).get(reg.id) ?? null;
}

/** Queues the e-mail a delegate is owed for reaching `reg.status`. */
async function notifyDelegate(
  tx: Db,
  publicUrl: string,
  m: MeetingRow,
  reg: RegistrationRow,
  from: RegistrationStatus | null,
): Promise<void> {
  const locale = (reg.preferredLanguage === 'ru' ? 'ru' : 'en') as Locale;
  const meeting = meetingRef(publicUrl, m, locale);
  const signIn = () =>
    createSignInLink(tx, publicUrl, reg.email, `/meetings/${m.slug}/me`, REGISTRATION_LINK_MINUTES);
  switch (reg.status) {
    case 'pending':
      return queueMail(tx, reg.email, locale, {
        kind: 'registration_received',
        meeting,
        signInUrl: await signIn(),
      });
    case 'confirmed': {
      const ics = meetingCalendar(publicUrl, m, 'publish');
      const params = {
        meeting,
        signInUrl: await signIn(),
        code: formatCheckInCode(reg.checkInCode),
      };
      return queueMail(
        tx,
        reg.email,
        locale,
        from === 'waitlisted'
          ? { kind: 'registration_promoted', ...params }
          : { kind: 'registration_confirmed', ...params },
        [
          {
            filename: `${m.slug}.ics`,
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: ics,
          },
        ],
      );
    }
    case 'waitlisted':
      return queueMail(tx, reg.email, locale, {
        kind: 'registration_waitlisted',
        meeting,
        signInUrl: await signIn(),
        position: (await waitlistPosition(tx, reg)) ?? 1,
      });
    case 'declined':
      return queueMail(tx, reg.email, locale, { kind: 'registration_declined', meeting });
    case 'cancelled':
      return queueMail(tx, reg.email, locale, { kind: 'registration_cancelled', meeting });
  }
}

/**
 * The one function that changes a registration's status. It checks the transition, writes
 * the row, the audit entry and the e-mail the delegate is owed, all in the caller's
 * transaction, which must hold the meeting lock. It does not check seats: callers decide
 * the target status from seatCounts() under the same lock.
 */
export async function setRegistrationStatus(
  tx: Db,
  publicUrl: string,
  m: MeetingRow,
  reg: RegistrationRow,
  to: RegistrationStatus,
  actor: Actor | null,
  action: string,
): Promise<RegistrationRow> {
  if (!canTransition(reg.status, to))
    throw conflict(`A ${reg.status} registration cannot become ${to}`);
  const now = new Date();
  const [updated] = await tx
    .update(registrations)
    .set({
      status: to,
      updatedAt: now,
      ...(to === 'waitlisted' ? { waitlistedAt: queueStamp() } : {}),
    })
    .where(and(eq(registrations.id, reg.id), eq(registrations.status, reg.status)))
    .returning();
  if (!updated) throw conflict('The registration changed meanwhile; try again');
  await writeAudit(tx, {
    meetingId: m.id,
    actor,
    action,
    entityType: 'registration',
    entityId: reg.id,
    data: { from: reg.status, to },
  });
  await notifyDelegate(tx, publicUrl, m, updated, reg.status);
  return updated;
}

/**
 * Gives free seats to the waiting list, first come first served, skipping those whose
 * country is at its limit (they keep their place for the next seat that fits them).
 */
export async function fillSeats(tx: Db, publicUrl: string, m: MeetingRow): Promise<number> {
  const counts = await seatCounts(tx, m.id);
  if (counts.confirmed >= m.capacity) return 0;
  const waiting = await tx
    .select()
    .from(registrations)
    .where(and(eq(registrations.meetingId, m.id), eq(registrations.status, 'waitlisted')))
    .orderBy(asc(registrations.waitlistedAt), asc(registrations.createdAt), asc(registrations.id));
  let promoted = 0;
  for (const reg of waiting) {
    if (counts.confirmed >= m.capacity) break;
    if (!fits(m, counts, reg.country)) continue;
    await setRegistrationStatus(tx, publicUrl, m, reg, 'confirmed', null, 'registration.promoted');
    take(counts, reg.country);
    promoted++;
  }
  return promoted;
}

export interface RegistrationView {
  id: string;
  meetingSlug: string;
  email: string;
  fullName: string;
  organization: string;
  country: string;
  participantType: string;
  jobTitle: string | null;
  preferredLanguage: string;
  dietaryNeeds: string | null;
  accessibilityNeeds: string | null;
  needsVisaLetter: boolean;
  status: RegistrationStatus;
  waitlistPosition: number | null;
  checkInCode?: string;
  checkedInAt: string | null;
  consentAt: string;
  consentVersion: string;
  createdAt: string;
  updatedAt: string;
}

export function serializeRegistration(
  r: RegistrationRow,
  slug: string,
  position: number | null,
  withCode: boolean,
): RegistrationView {
  return {
    id: r.id,
    meetingSlug: slug,
    email: r.email,
    fullName: r.fullName,
    organization: r.organization,
    country: r.country,
    participantType: r.participantType,
    jobTitle: r.jobTitle,
    preferredLanguage: r.preferredLanguage,
    dietaryNeeds: r.dietaryNeeds,
    accessibilityNeeds: r.accessibilityNeeds,
    needsVisaLetter: r.needsVisaLetter,
    status: r.status,
    waitlistPosition: position,
    ...(withCode ? { checkInCode: formatCheckInCode(r.checkInCode) } : {}),
    checkedInAt: r.checkedInAt?.toISOString() ?? null,
    consentAt: r.consentAt.toISOString(),
    consentVersion: r.consentVersion,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
  };
}

/** POST /api/meetings/:slug/registrations — no account needed; the e-mail becomes one. */
export async function register(
  ctx: Ctx,
  slug: string,
  input: RegistrationInput,
  now = new Date(),
): Promise<{ id: string; status: RegistrationStatus; waitlistPosition?: number }> {
  let result;
  try {
    result = await ctx.db.transaction(async (tx) => {
      // The account first: it needs no seat, so it stays outside the meeting lock's hold.
      const language = input.preferredLanguage ?? 'en';
      const user = await ensureUser(tx, input.email, language, input.fullName);
      const m = await lockMeeting(tx, eq(meetings.slug, slug));
      if (!m || m.status === 'draft') throw notFound('Meeting');
      if (m.status === 'closed') throw conflict('This meeting is closed');
      if (!registrationOpen(m, now)) {
        if (m.registrationOpensAt && m.registrationOpensAt > now)
          throw conflict(`Registration opens at ${m.registrationOpensAt.toISOString()}`);
        throw conflict('Registration for this meeting is closed');
      }
      const [live] = await tx
        .select({ id: registrations.id })
        .from(registrations)
        .where(
          and(
            eq(registrations.meetingId, m.id),
            eq(registrations.email, input.email),
            inArray(registrations.status, ['pending', 'confirmed', 'waitlisted']),
          ),
        );
      if (live) throw conflict('This e-mail address is already registered for this meeting');
      let status: RegistrationStatus = 'pending';
      if (m.registrationMode === 'open')
        status = fits(m, await seatCounts(tx, m.id), input.country) ? 'confirmed' : 'waitlisted';
      const [reg] = await tx
        .insert(registrations)
        .values({
          meetingId: m.id,
          userId: user.id,
          email: input.email,
          fullName: input.fullName,
          organization: input.organization,
          country: input.country,
          participantType: input.participantType,
          jobTitle: input.jobTitle ?? null,
          preferredLanguage: language,
          dietaryNeeds: input.dietaryNeeds ?? null,
          accessibilityNeeds: input.accessibilityNeeds ?? null,
          needsVisaLetter: input.needsVisaLetter ?? false,
          consentAt: now,
          consentVersion: CONSENT_VERSION,
          status,
          waitlistedAt: status === 'waitlisted' ? queueStamp() : null,
          checkInCode: newCheckInCode(),
        })
        .returning();
      if (!reg) throw new Error('insert returned nothing');
      await writeAudit(tx, {
        meetingId: m.id,
        actor: { userId: user.id, email: user.email, isAdmin: false },
        action: 'registration.created',
        entityType: 'registration',
        entityId: reg.id,
        data: { status },
      });
      await notifyDelegate(tx, ctx.publicUrl, m, reg, null);
      const position = await waitlistPosition(tx, reg);
      return { id: reg.id, status, ...(position ? { waitlistPosition: position } : {}) };
    });
  } catch (err) {
    if (isUniqueViolation(err, 'registrations_live_email'))
      throw conflict('This e-mail address is already registered for this meeting');
    throw err;
  }
  ctx.onMailQueued?.();
  return result;
}

async function loadForChange(tx: Db, id: string) {
  const [found] = await tx
    .select({ meetingId: registrations.meetingId })
    .from(registrations)
    .where(eq(registrations.id, id));
  if (!found) throw notFound('Registration');
  const m = await lockMeeting(tx, eq(meetings.id, found.meetingId));
  const [reg] = await tx.select().from(registrations).where(eq(registrations.id, id));
  if (!m || !reg) throw notFound('Registration');
  return { m, reg };
}

type Decision = 'approve' | 'decline' | 'cancel';

/** POST /api/registrations/:id/approve|decline|cancel */
export async function decideRegistration(
  ctx: Ctx,
  actor: Actor | null,
  id: string,
  decision: Decision,
): Promise<RegistrationView> {
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  const view = await ctx.db.transaction(async (tx) => {
    const { m, reg } = await loadForChange(tx, id);
    const access = await meetingAccess(tx, m.slug, actor).catch(() => null);
    const organizer = !!access && isOrganizer(access, actor);
    const own = reg.userId === actor.userId;
    if (!organizer && !(decision === 'cancel' && own)) {
      // Someone else's registration does not exist for this caller.
      if (!own) throw notFound('Registration');
      throw forbidden('Only the organizers of this meeting can do this');
    }
    let updated: RegistrationRow;
    if (decision === 'approve') {
      if (reg.status !== 'pending')
        throw conflict(`A ${reg.status} registration cannot be approved`);
      const to = fits(m, await seatCounts(tx, m.id), reg.country) ? 'confirmed' : 'waitlisted';
      updated = await setRegistrationStatus(
        tx,
        ctx.publicUrl,
        m,
        reg,
        to,
        actor,
        'registration.approved',
      );
    } else if (decision === 'decline') {
      updated = await setRegistrationStatus(
        tx,
        ctx.publicUrl,
        m,
        reg,
        'declined',
        actor,
        'registration.declined',
      );
    } else {
      updated = await setRegistrationStatus(
        tx,
        ctx.publicUrl,
        m,
        reg,
        'cancelled',
        actor,
        'registration.cancelled',
      );
      // A freed seat goes to the head of the waiting list at once.
      if (reg.status === 'confirmed') await fillSeats(tx, ctx.publicUrl, m);
    }
    return serializeRegistration(
      updated,
      m.slug,
      await waitlistPosition(tx, updated),
      organizer || own,
    );
  });
  ctx.onMailQueued?.();
  return view;
}

/** After capacity or maxPerCountry grew: the waiting list moves up at once. */
export const fillSeatsAfterChange = (publicUrl: string) => (tx: Db, m: MeetingRow) =>
  fillSeats(tx, publicUrl, m).then(() => undefined);

export async function myRegistration(ctx: Ctx, actor: Actor | null, slug: string) {
  if (!actor) throw new AppError('unauthenticated', 'Sign in first');
  const access = await meetingAccess(ctx.db, slug, actor);
  const [reg] = await ctx.db
    .select()
    .from(registrations)
    .where(
      and(eq(registrations.meetingId, access.meeting.id), eq(registrations.userId, actor.userId)),
    )
    .orderBy(
      sql`case when ${registrations.status} in ('cancelled','declined') then 1 else 0 end`,
      sql`${registrations.createdAt} desc`,
    )
    .limit(1);
  if (!reg) throw notFound('Registration');
  const view = serializeRegistration(reg, slug, await waitlistPosition(ctx.db, reg), true);
  const checkInQrSvg = await QRCode.toString(reg.checkInCode, {
    type: 'svg',
    margin: 2,
    errorCorrectionLevel: 'M',
  });
  return { ...view, checkInQrSvg };
}

export interface RegistrationFilter {
  status?: RegistrationStatus | undefined;
  country?: string | undefined;
  q?: string | undefined;
}

export async function listRegistrations(
  ctx: Ctx,
  actor: Actor | null,
  slug: string,
  filter: RegistrationFilter,
) {
  const access = await requireOrganizer(ctx.db, slug, actor);
  const conds: SQL[] = [eq(registrations.meetingId, access.meeting.id)];
  if (filter.status) conds.push(eq(registrations.status, filter.status));
  if (filter.country) conds.push(eq(registrations.country, filter.country.toUpperCase()));
  if (filter.q) {
    const like = `%${filter.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    conds.push(
      or(
        ilike(registrations.fullName, like),
        ilike(registrations.email, like),
        ilike(registrations.organization, like),
      )!,
    );
  }
  const rows = await ctx.db
    .select()
    .from(registrations)
    .where(and(...conds))
    .orderBy(asc(registrations.createdAt), asc(registrations.id));
  const positions = await waitlistPositions(ctx.db, access.meeting.id);
  return rows.map((r) => serializeRegistration(r, slug, positions.get(r.id) ?? null, true));
}

export async function registrationStats(ctx: Ctx, actor: Actor | null, slug: string) {
  const access = await requireOrganizer(ctx.db, slug, actor);
  const rows = await ctx.db
    .select({
      country: registrations.country,
      status: registrations.status,
      n: count(),
      checkedIn: sql<number>`count(${registrations.checkedInAt})`.mapWith(Number),
    })
    .from(registrations)
    .where(eq(registrations.meetingId, access.meeting.id))
    .groupBy(registrations.country, registrations.status);
  const byStatus = { pending: 0, confirmed: 0, waitlisted: 0, declined: 0, cancelled: 0 };
  const countries = new Map<
    string,
    { country: string; confirmed: number; waitlisted: number; pending: number; total: number }
  >();
  let checkedIn = 0;
  for (const r of rows) {
    byStatus[r.status] += r.n;
    checkedIn += r.checkedIn;
    const c = countries.get(r.country) ?? {
      country: r.country,
      confirmed: 0,
      waitlisted: 0,
      pending: 0,
      total: 0,
    };
    if (r.status === 'confirmed' || r.status === 'waitlisted' || r.status === 'pending')
      c[r.status] += r.n;
    c.total += r.n;
    countries.set(r.country, c);
  }
  return {
    capacity: access.meeting.capacity,
    maxPerCountry: access.meeting.maxPerCountry,
    byStatus,
    byCountry: [...countries.values()].sort(
      (a, b) => b.confirmed - a.confirmed || a.country.localeCompare(b.country),
    ),
    checkedIn,
  };
}

/** A spreadsheet must never run a cell as a formula: such cells get a leading apostrophe. */
export function neutralizeCell(value: string): string {
  return /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
}

export const CSV_COLUMNS = [
  'id',
  'status',
  'waitlistPosition',
  'fullName',
  'email',
  'organization',
  'jobTitle',
  'country',
  'participantType',
  'preferredLanguage',
  'needsVisaLetter',
  'dietaryNeeds',
  'accessibilityNeeds',
  'checkInCode',
  'checkedInAt',
  'consentAt',
  'consentVersion',
  'createdAt',
] as const;

export async function registrationsCsv(
  ctx: Ctx,
  actor: Actor | null,
  slug: string,
): Promise<string> {
  const items = await listRegistrations(ctx, actor, slug, {});
  const rows = items.map((r) =>
    CSV_COLUMNS.map((c) => {
      const v = r[c as keyof RegistrationView];
      return neutralizeCell(v == null ? '' : String(v));
    }),
  );
  // The byte-order mark makes Excel read the file as UTF-8 (Cyrillic names stay readable).
  return (
    '\uFEFF' +
    stringify([CSV_COLUMNS as unknown as string[], ...rows], { record_delimiter: '\r\n' })
  );
}

/** POST /api/meetings/:slug/check-in — idempotent: a second scan keeps the first time. */
export async function checkIn(
  ctx: Ctx,
  actor: Actor | null,
  slug: string,
  code: string,
): Promise<RegistrationView> {
  const access = await requireOrganizer(ctx.db, slug, actor);
  return ctx.db.transaction(async (tx) => {
    const [reg] = await tx
      .select()
      .from(registrations)
      .where(
        and(
          eq(registrations.meetingId, access.meeting.id),
          eq(registrations.checkInCode, normalizeCheckInCode(code)),
        ),
      )
      .for('update');
    if (!reg) throw notFound('Check-in code');
    if (reg.status !== 'confirmed')
      throw conflict(`This registration is ${reg.status}, not confirmed`);
    if (reg.checkedInAt) return serializeRegistration(reg, slug, null, true);
    const [updated] = await tx
      .update(registrations)
      .set({ checkedInAt: new Date(), updatedAt: new Date() })
      .where(eq(registrations.id, reg.id))
      .returning();
    await writeAudit(tx, {
      meetingId: access.meeting.id,
      actor,
      action: 'registration.checked_in',
      entityType: 'registration',
      entityId: reg.id,
    });
    return serializeRegistration(updated!, slug, null, true);
  });
}
