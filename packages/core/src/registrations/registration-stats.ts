import { count, eq, sql } from 'drizzle-orm';
import { registrations } from '@kengash/db';
import { requireOrganizer } from '../access/meeting-access.js';
import type { Actor, Ctx } from '../context.js';
import type { RegistrationStatsView } from '../schemas/registrations.js';

/** GET /api/meetings/:slug/registrations/stats (organizer): counts by status and country. */
export async function registrationStats(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
}): Promise<RegistrationStatsView> {
  const access = await requireOrganizer(input.ctx.db, input.actor, { slug: input.slug });
  const rows = await input.ctx.db
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
  const countries = new Map<string, RegistrationStatsView['byCountry'][number]>();
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
