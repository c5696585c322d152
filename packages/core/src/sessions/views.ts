/**
 * Sessions as a viewer sees them. One query reads any number of sessions with their
 * working group's code, their planned speakers (aggregated in the database) and whether
 * the viewer bookmarked each: the agenda of 300 sessions costs what one session does.
 */
import { and, asc, eq, sql, type SQL } from 'drizzle-orm';
import { sessions, workingGroups, type Db } from '@kengash/db';
import {
  canModerate,
  isOrganizer,
  isRegistrant,
  isStaff,
  type MeetingAccess,
} from '../access/meeting-access.js';
import { pickText } from '../schemas/lang.js';
import type { SessionAction, SessionView, SpeakerView } from '../schemas/sessions.js';
import type { SessionRow } from './rows.js';

export interface SessionRecord {
  session: SessionRow;
  workingGroupCode: string | null;
  speakers: SpeakerView[];
  bookmarked: boolean;
}

/**
 * The sessions that `where` selects, by start, with everything their views need, in one
 * query. `viewerId` (the signed-in caller) decides `bookmarked`.
 */
export async function selectSessions(
  db: Db,
  where: SQL | undefined,
  viewerId: string | null,
): Promise<SessionRecord[]> {
  const rows = await db
    .select({
      session: sessions,
      workingGroupCode: workingGroups.code,
      speakers: sql<string>`(select coalesce(json_agg(json_build_object(
          'position', sp.position, 'name', sp.name, 'role', sp.role,
          'organization', sp.organization, 'title', sp.title, 'minutes', sp.minutes
        ) order by sp.position), '[]'::json)::text
        from session_speakers sp where sp.session_id = ${sessions.id})`,
      bookmarked: viewerId
        ? sql<boolean>`exists (select 1 from bookmarks b where b.session_id = ${sessions.id} and b.user_id = ${viewerId})`
        : sql<boolean>`false`,
    })
    .from(sessions)
    .leftJoin(workingGroups, eq(workingGroups.id, sessions.workingGroupId))
    .where(where)
    .orderBy(asc(sessions.startsAt), asc(sessions.endsAt), asc(sessions.createdAt));
  return rows.map((r) => ({
    session: r.session,
    workingGroupCode: r.workingGroupCode,
    speakers: JSON.parse(r.speakers) as SpeakerView[],
    bookmarked: r.bookmarked === true || (r.bookmarked as unknown) === 't',
  }));
}

/** One session with its details, or undefined. */
export async function selectSession(db: Db, id: string, viewerId: string | null) {
  const [r] = await selectSessions(db, eq(sessions.id, id), viewerId);
  return r;
}

/** The sessions of a meeting, optionally filtered. */
export const meetingSessions = (meetingId: string, extra?: SQL) =>
  extra ? and(eq(sessions.meetingId, meetingId), extra) : eq(sessions.meetingId, meetingId);

/** Confirmed registrants and staff see the link to the video meeting; nobody else. */
export const seesOnlineUrl = (a: MeetingAccess) => isStaff(a) || isRegistrant(a);

export function sessionActionsFor(a: MeetingAccess, s: SessionRow): SessionAction[] {
  const out: SessionAction[] = [];
  if (isOrganizer(a)) {
    out.push('edit');
    if (s.status === 'scheduled') out.push('cancel');
    out.push('setSpeakers');
  }
  if (a.actor) out.push('bookmark');
  if (canModerate(a)) out.push('moderate');
  return out;
}

/** A session as this viewer may see it, texts in the language they asked for. */
export function toSessionView(
  a: MeetingAccess,
  r: SessionRecord,
  wanted: readonly string[],
): SessionView {
  const s = r.session;
  const m = a.meeting;
  const title = pickText(s.title, wanted, m.languages);
  const description = pickText(s.description, wanted, m.languages);
  return {
    id: s.id,
    meetingSlug: m.slug,
    timezone: m.timezone,
    title: title?.text ?? '',
    description: description?.text ?? null,
    textLang: {
      title: title?.lang ?? m.languages[0] ?? 'en',
      description: description?.lang ?? null,
    },
    translations: { title: s.title, description: s.description ?? {} },
    kind: s.kind,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    room: s.room,
    workingGroupCode: r.workingGroupCode,
    qaEnabled: s.qaEnabled,
    qaModerated: s.qaModerated,
    qaOpen: s.qaOpen,
    ...(seesOnlineUrl(a) ? { onlineUrl: s.onlineUrl } : {}),
    interpretation: s.interpretation,
    status: s.status,
    sequence: s.sequence,
    speakers: r.speakers,
    ...(a.actor ? { bookmarked: r.bookmarked } : {}),
    speakingMinutes: s.speakingMinutes,
    floorOpen: s.floorOpen,
    floorBalanced: s.floorBalanced,
    allowedActions: sessionActionsFor(a, s),
    createdAt: s.createdAt.toISOString(),
    updatedAt: s.updatedAt.toISOString(),
  };
}
