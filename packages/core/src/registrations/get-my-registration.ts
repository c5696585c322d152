import { and, eq, sql } from 'drizzle-orm';
import QRCode from 'qrcode';
import { registrations } from '@kengash/db';
import { isOrganizer, loadAccess, requireSignedIn } from '../access/meeting-access.js';
import type { Actor, Ctx } from '../context.js';
import { notFound } from '../errors.js';
import type { MyRegistrationView } from '../schemas/registrations.js';
import { waitlistPosition } from './rows.js';
import { toRegistrationView } from './views.js';

/**
 * GET /api/meetings/:slug/registrations/me — the caller's registration (the live one,
 * else the latest), with the check-in code and its QR code once confirmed.
 */
export async function getMyRegistration(input: {
  ctx: Ctx;
  actor: Actor | null;
  slug: string;
}): Promise<MyRegistrationView> {
  const actor = requireSignedIn(input.actor);
  const access = await loadAccess(input.ctx.db, actor, { slug: input.slug });
  const [reg] = await input.ctx.db
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
  const view = toRegistrationView(reg, input.slug, await waitlistPosition(input.ctx.db, reg), {
    organizer: isOrganizer(access),
    own: true,
  });
  const checkInQrSvg =
    reg.status === 'confirmed'
      ? await QRCode.toString(reg.checkInCode, {
          type: 'svg',
          margin: 2,
          errorCorrectionLevel: 'M',
        })
      : null;
  return { ...view, checkInQrSvg };
}
