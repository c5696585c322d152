/**
 * No list answers with a query per item (the N+1 that made other council tools slow): every
 * list endpoint sends as many queries for 100 items as for one. The rows are written
 * straight into the database, as many as each step needs; the lists are read through the
 * API, with their queries counted.
 */
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import {
  agendaVersions,
  auditLog,
  bookmarks,
  meetings,
  meetingStaff,
  registrations,
  sessions,
  sessionSpeakers,
  users,
  workingGroups,
} from '@kengash/db';
import { countQueries, createMeeting, signIn, useHarness } from './helpers.js';

const h = useHarness();
const SIZES = [1, 100];
const statuses = ['confirmed', 'waitlisted', 'pending', 'cancelled', 'declined'] as const;
const countries = ['KZ', 'UZ', 'KG', 'TJ', 'TM'];

/** The queries of one GET, which must answer 200 with `expectItems` list entries. */
async function queriesOf(url: string, cookie: string | undefined, expectItems?: number) {
  const { result, queries } = await countQueries(() =>
    h.app.inject({ url, ...(cookie ? { headers: { cookie } } : {}) }),
  );
  expect(result.statusCode, result.body).toBe(200);
  if (expectItems !== undefined && result.headers['content-type']?.includes('json'))
    expect(result.json().items, url).toHaveLength(expectItems);
  return queries;
}

async function meetingId(slug: string) {
  const [m] = await h.database.db
    .select({ id: meetings.id })
    .from(meetings)
    .where(eq(meetings.slug, slug));
  return m!.id;
}

async function addUsers(from: number, to: number, prefix: string) {
  if (to <= from) return [];
  return h.database.db
    .insert(users)
    .values(
      Array.from({ length: to - from }, (_, i) => ({ email: `${prefix}${from + i}@example.org` })),
    )
    .returning();
}

async function addRegistrations(id: string, from: number, to: number) {
  const people = await addUsers(from, to, 'delegate');
  if (people.length === 0) return;
  await h.database.db.insert(registrations).values(
    people.map((u, i) => {
      const n = from + i;
      const status = statuses[n % statuses.length]!;
      return {
        meetingId: id,
        userId: u.id,
        email: u.email,
        fullName: `Delegate ${n}`,
        organization: 'Ministry of Justice',
        country: countries[n % countries.length]!,
        participantType: 'government' as const,
        consentAt: new Date(),
        consentVersion: 'v1',
        status,
        waitlistedAt: status === 'waitlisted' ? new Date(Date.now() + n) : null,
        checkInCode: `CODE${String(n).padStart(8, '0')}`,
        checkedInAt: status === 'confirmed' && n % 2 ? new Date() : null,
      };
    }),
  );
}

/** Grows a list step by step, measuring the same read at each size. */
async function expectConstant(
  grow: (from: number, to: number) => Promise<void>,
  read: (size: number) => Promise<string[]>,
) {
  const counts: number[] = [];
  let have = 0;
  for (const size of SIZES) {
    await grow(have, size);
    have = size;
    counts.push((await read(size)).length);
  }
  expect(counts[0]).toBeGreaterThan(0);
  expect(counts, `queries at ${SIZES.join(' and ')} items`).toEqual(SIZES.map(() => counts[0]));
}

describe('list endpoints keep a constant number of queries from 1 to 100 items', () => {
  it('GET /api/meetings, for the public and for a signed-in registrant who staffs some', async () => {
    const { cookie: admin } = await createMeeting(h, { slug: 'the-first' });
    const viewer = await signIn(h, 'viewer@example.org');
    const [me] = await h.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'viewer@example.org'));
    const start = new Date(Date.now() + 30 * 86_400_000);
    await expectConstant(
      async (from, to) => {
        if (from === 0) from = 1; // the first meeting came through the API
        if (to <= from) return;
        const rows = await h.database.db
          .insert(meetings)
          .values(
            Array.from({ length: to - from }, (_, i) => ({
              slug: `meeting-${from + i}`,
              title: { en: `Meeting ${from + i}`, ru: `Заседание ${from + i}` },
              city: 'Astana',
              country: 'KZ',
              timezone: 'Asia/Almaty',
              startsAt: new Date(start.getTime() + (from + i) * 3_600_000),
              endsAt: new Date(start.getTime() + (from + i + 1) * 3_600_000),
              capacity: 10,
              status: (i % 3 ? 'published' : 'draft') as 'published' | 'draft',
            })),
          )
          .returning();
        // The viewer staffs the drafts and is registered for the others.
        await h.database.db
          .insert(meetingStaff)
          .values(
            rows
              .filter((m) => m.status === 'draft')
              .map((m) => ({ meetingId: m.id, userId: me!.id, role: 'moderator' as const })),
          );
        await h.database.db.insert(registrations).values(
          rows
            .filter((m) => m.status === 'published')
            .map((m) => ({
              meetingId: m.id,
              userId: me!.id,
              email: me!.email,
              fullName: 'Viewer',
              organization: 'OSCE',
              country: 'KZ',
              participantType: 'international_organization' as const,
              consentAt: new Date(),
              consentVersion: 'v1',
              status: 'confirmed' as const,
              checkInCode: `VIEW-${m.slug}`,
            })),
        );
      },
      async (size) => {
        const anonymous = await queriesOf('/api/meetings', undefined);
        const staffed = await queriesOf('/api/meetings', viewer, size);
        const all = await queriesOf('/api/meetings?lang=ru', admin, size);
        return [...anonymous, ...staffed, ...all];
      },
    );
  });

  it('GET registrations, registrations.csv and registrations/stats', async () => {
    const { cookie, slug } = await createMeeting(h, { capacity: 40, maxPerCountry: 10 });
    const id = await meetingId(slug);
    await expectConstant(
      (from, to) => addRegistrations(id, from, to),
      async (size) => [
        ...(await queriesOf(`/api/meetings/${slug}/registrations`, cookie, size)),
        ...(await queriesOf(`/api/meetings/${slug}/registrations?status=waitlisted`, cookie)),
        ...(await queriesOf(`/api/meetings/${slug}/registrations.csv`, cookie)),
        ...(await queriesOf(`/api/meetings/${slug}/registrations/stats`, cookie)),
      ],
    );
  });

  it('GET working-groups', async () => {
    const { slug } = await createMeeting(h);
    const id = await meetingId(slug);
    await expectConstant(
      async (from, to) => {
        await h.database.db.insert(workingGroups).values(
          Array.from({ length: to - from }, (_, i) => ({
            meetingId: id,
            code: `G${from + i}`,
            name: { en: `Group ${from + i}`, ru: `Группа ${from + i}` },
          })),
        );
      },
      async (size) => queriesOf(`/api/meetings/${slug}/working-groups`, undefined, size),
    );
  });

  it('GET staff', async () => {
    const { cookie, slug } = await createMeeting(h);
    const id = await meetingId(slug);
    await expectConstant(
      async (from, to) => {
        // The admin who created the meeting is its first organizer.
        const people = await addUsers(Math.max(from, 1), to, 'staff');
        if (people.length === 0) return;
        await h.database.db.insert(meetingStaff).values(
          people.map((u, i) => ({
            meetingId: id,
            userId: u.id,
            role: (['moderator', 'rapporteur', 'organizer'] as const)[i % 3]!,
          })),
        );
      },
      async (size) => queriesOf(`/api/meetings/${slug}/staff`, cookie, size),
    );
  });

  it('GET audit', async () => {
    const { cookie, slug } = await createMeeting(h);
    const id = await meetingId(slug);
    // Creating and publishing the meeting wrote entries; start from none.
    await h.database.db.delete(auditLog);
    await expectConstant(
      async (from, to) => {
        await h.database.db.insert(auditLog).values(
          Array.from({ length: to - from }, (_, i) => ({
            meetingId: id,
            actor: 'system',
            action: 'registration.promoted',
            entityType: 'registration',
            entityId: `r${from + i}`,
          })),
        );
      },
      async (size) => queriesOf(`/api/meetings/${slug}/audit`, cookie, size),
    );
  });

  it('GET sessions (the agenda), one session, my agenda and agenda versions', async () => {
    const { cookie: organizer, slug } = await createMeeting(h);
    const id = await meetingId(slug);
    const [m] = await h.database.db.select().from(meetings).where(eq(meetings.id, id));
    const groups = await h.database.db
      .insert(workingGroups)
      .values(['A', 'B', 'C', 'D'].map((code) => ({ meetingId: id, code, name: { en: code } })))
      .returning();
    const delegate = await signIn(h, 'agenda-reader@example.org');
    const [me] = await h.database.db
      .select()
      .from(users)
      .where(eq(users.email, 'agenda-reader@example.org'));
    let firstSession = '';
    await expectConstant(
      async (from, to) => {
        const rows = await h.database.db
          .insert(sessions)
          .values(
            Array.from({ length: to - from }, (_, i) => {
              const n = from + i;
              const startsAt = new Date(m!.startsAt.getTime() + (n % 8) * 3_600_000);
              return {
                meetingId: id,
                title: { en: `Session ${n}`, ru: `Сессия ${n}` },
                kind: 'working_group' as const,
                startsAt,
                endsAt: new Date(startsAt.getTime() + 3_600_000),
                room: `Room ${n}`,
                workingGroupId: groups[n % 4]!.id,
                onlineUrl: 'https://zoom.us/j/1',
                status: (n % 5 === 4 ? 'cancelled' : 'scheduled') as 'cancelled' | 'scheduled',
              };
            }),
          )
          .returning();
        firstSession ||= rows[0]!.id;
        await h.database.db.insert(sessionSpeakers).values(
          rows.flatMap((r) =>
            [1, 2, 3].map((position) => ({
              sessionId: r.id,
              position,
              name: `Speaker ${position}`,
              role: 'speaker' as const,
              organization: 'UNECE',
            })),
          ),
        );
        await h.database.db
          .insert(bookmarks)
          .values(rows.map((r) => ({ userId: me!.id, sessionId: r.id })));
        await h.database.db.insert(agendaVersions).values(
          rows.map((r, i) => ({
            meetingId: id,
            version: from + i + 1,
            snapshot: [],
            changes: [{ sessionId: r.id, title: r.title, change: 'added' as const }],
          })),
        );
      },
      async (size) => {
        const anonymous = await queriesOf(`/api/meetings/${slug}/sessions`, undefined, size);
        // The whole agenda: the meeting, then every session with its speakers, group and
        // bookmark in one query.
        expect(anonymous.length).toBeLessThanOrEqual(2);
        return [
          ...anonymous,
          ...(await queriesOf(`/api/meetings/${slug}/sessions?lang=ru`, delegate, size)),
          ...(await queriesOf(`/api/meetings/${slug}/sessions?workingGroup=A`, organizer)),
          ...(await queriesOf(`/api/me/agenda?meeting=${slug}`, delegate, size)),
          ...(await queriesOf(`/api/sessions/${firstSession}`, delegate)),
          ...(await queriesOf(`/api/meetings/${slug}/agenda/versions`, undefined, size)),
        ];
      },
    );
  });
});
