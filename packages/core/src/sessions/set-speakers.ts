import { eq } from 'drizzle-orm';
import { sessionSpeakers } from '@kengash/db';
import { change } from '../changes/envelope.js';
import type { Actor, Ctx } from '../context.js';
import type { SpeakerInput, SpeakerView } from '../schemas/sessions.js';
import { sessionForOrganizer } from './organizer.js';

/** PUT /api/sessions/:id/speakers (organizer): the planned speakers, replaced, in order. */
export async function setSpeakers(input: {
  ctx: Ctx;
  actor: Actor | null;
  id: string;
  speakers: SpeakerInput[];
}): Promise<SpeakerView[]> {
  return change(input.ctx, async (fx) => {
    const { access, session } = await sessionForOrganizer(fx.tx, input.actor, input.id);
    await fx.tx.delete(sessionSpeakers).where(eq(sessionSpeakers.sessionId, session.id));
    const items: SpeakerView[] = input.speakers.map((s, i) => ({
      position: i + 1,
      name: s.name,
      role: s.role,
      organization: s.organization || null,
      title: s.title || null,
      minutes: s.minutes ?? null,
    }));
    if (items.length)
      await fx.tx
        .insert(sessionSpeakers)
        .values(items.map((s) => ({ ...s, sessionId: session.id })));
    await fx.audit({
      meetingId: access.meeting.id,
      actor: input.actor,
      action: 'session.speakers_set',
      entityType: 'session',
      entityId: session.id,
      data: { count: items.length },
    });
    return items;
  });
}
