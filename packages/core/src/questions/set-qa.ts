import { eq } from 'drizzle-orm';
import { sessions } from '@kengash/db';
import { canModerate, requireThat } from '../access/meeting-access.js';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import type { QaSettingsInput, QaSettingsView } from '../schemas/questions.js';
import { loadSession } from '../sessions/rows.js';
import { QA_MODERATORS_ONLY } from './moderate-question.js';
import { qaSettingsOf } from './rows.js';

/**
 * PATCH /api/sessions/:id/qa {open?, moderated?} (moderator) → the Q&A settings. Closing
 * stops new questions (votes and moderation go on); moderating holds new questions as
 * pending. A change writes an audit row and one `qa.updated` event; nothing that differs,
 * no change.
 */
export async function setQa(input: {
  ctx: Ctx;
  actor: Actor | null;
  sessionId: string;
  settings: QaSettingsInput;
}): Promise<QaSettingsView> {
  return change(input.ctx, async (fx) => {
    const s = await loadSession(fx.tx, input.actor, input.sessionId, { lock: true });
    requireThat(s.access, canModerate, QA_MODERATORS_ONLY);
    const { open, moderated } = input.settings;
    const set: Partial<typeof sessions.$inferInsert> = {};
    if (open !== undefined && open !== s.session.qaOpen) set.qaOpen = open;
    if (moderated !== undefined && moderated !== s.session.qaModerated) set.qaModerated = moderated;
    if (Object.keys(set).length === 0) return qaSettingsOf(s.session);
    const [updated] = await fx.tx
      .update(sessions)
      .set(set)
      .where(eq(sessions.id, s.session.id))
      .returning();
    const view = qaSettingsOf(updated!);
    await fx.audit({
      meetingId: s.session.meetingId,
      actor: s.access.actor,
      action: 'qa.updated',
      entityType: 'session',
      entityId: s.session.id,
      data: { ...set },
    });
    await fx.event({ sessionId: s.session.id, type: 'qa.updated', payload: { ...view } });
    return view;
  });
}
