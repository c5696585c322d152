import { and, asc, count, eq, ilike, or, type SQL } from 'drizzle-orm';
import { registrations } from '@kengash/db';
import { requireOrganizer } from '../access/meeting-access.js';
import type { Actor, Ctx } from '../context.js';
import type { RegistrationFilter, RegistrationView } from '../schemas/registrations.js';
import { waitlistPositions } from './rows.js';
import { toRegistrationView } from './views.js';

/**
 * GET /api/meetings/:slug/registrations (organizer): filtered by status, country or a
 * search in name, e-mail and organization; paged with limit/offset; `total` counts all
 * that match. Four queries whatever the number of registrations.
 */
export async function listRegistrations(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
  filter: RegistrationFilter;
}): Promise<{ items: RegistrationView[]; total: number }> {
  const { ctx, filter } = input;
  const access = await requireOrganizer(ctx.db, input.actor, { slug: input.slug });
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
  let query = ctx.db
    .select()
    .from(registrations)
    .where(and(...conds))
    .orderBy(asc(registrations.createdAt), asc(registrations.id))
    .$dynamic();
  if (filter.limit !== undefined) query = query.limit(filter.limit);
  if (filter.offset !== undefined) query = query.offset(filter.offset);
  const rows = await query;
  const [{ total } = { total: 0 }] = await ctx.db
    .select({ total: count() })
    .from(registrations)
    .where(and(...conds));
  const positions = await waitlistPositions(ctx.db, access.meeting.id);
  return {
    items: rows.map((r) =>
      toRegistrationView(r, input.slug, positions.get(r.id) ?? null, {
        organizer: true,
        own: r.userId === input.actor?.userId,
      }),
    ),
    total,
  };
}
