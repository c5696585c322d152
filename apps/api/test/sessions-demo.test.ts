/**
 * The demo council's agenda: a full programme that keeps the rules the API enforces
 * (inside the meeting, no room double-booked), with planned speakers and one published
 * version, seeded once.
 */
import { describe, expect, it } from 'vitest';
import { seedDemo } from '@kengash/core';
import { useHarness } from './helpers.js';
import { call } from './registration-helpers.js';

const h = useHarness();

interface Item {
  id: string;
  title: string;
  kind: string;
  startsAt: string;
  endsAt: string;
  room: string | null;
  workingGroupCode: string | null;
  status: string;
  speakers: { role: string }[];
}

describe('the demo agenda', () => {
  it('has an opening, plenaries, four parallel working groups, breaks, a side event and a closing plenary', async () => {
    expect(await seedDemo(h.database.db)).toBe(true);
    expect(await seedDemo(h.database.db)).toBe(false);
    const slug = 'rec-tashkent-next';
    const meeting = (await call(h, 'GET', `/api/meetings/${slug}`)).json();
    const res = await call(h, 'GET', `/api/meetings/${slug}/sessions?lang=ru`);
    expect(res.statusCode).toBe(200);
    const items = res.json().items as Item[];
    expect(items.length).toBeGreaterThanOrEqual(15);
    const kinds = new Set(items.map((i) => i.kind));
    for (const k of ['ceremony', 'plenary', 'working_group', 'break', 'side_event'])
      expect(kinds, k).toContain(k);
    expect(items[0]).toMatchObject({ kind: 'ceremony', title: 'Церемония открытия' });
    expect(items.at(-1)).toMatchObject({
      kind: 'plenary',
      title: 'Заключительное пленарное заседание',
    });
    // The four groups sit at once, each in its own room.
    const groups = items.filter((i) => i.kind === 'working_group');
    const firstSitting = groups.filter((g) => g.startsAt === groups[0]!.startsAt);
    expect(firstSitting.map((g) => g.workingGroupCode).sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(new Set(firstSitting.map((g) => g.room)).size).toBe(4);
    // Every session inside the meeting, none of them sharing a room at one time.
    for (const s of items) {
      expect(s.status).toBe('scheduled');
      expect(Date.parse(s.startsAt)).toBeGreaterThanOrEqual(Date.parse(meeting.startsAt));
      expect(Date.parse(s.endsAt)).toBeLessThanOrEqual(Date.parse(meeting.endsAt));
      expect(Date.parse(s.endsAt)).toBeGreaterThan(Date.parse(s.startsAt));
      for (const o of items)
        if (o !== s && s.room && o.room === s.room)
          expect(
            Date.parse(o.startsAt) >= Date.parse(s.endsAt) ||
              Date.parse(o.endsAt) <= Date.parse(s.startsAt),
            `${s.title} and ${o.title} in ${s.room}`,
          ).toBe(true);
    }
    // Planned speakers, chairs first.
    const plenary = items.find((i) => i.kind === 'plenary')!;
    expect(plenary.speakers[0]!.role).toBe('chair');
    expect(plenary.speakers.length).toBeGreaterThan(3);
    // Published once: every session added.
    const versions = (await call(h, 'GET', `/api/meetings/${slug}/agenda/versions`)).json().items;
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, name: 'Provisional agenda' });
    expect(versions[0].changes.map((c: { sessionId: string }) => c.sessionId)).toEqual(
      items.map((i) => i.id),
    );
    // The public never sees the video link.
    expect(res.body).not.toContain('meet.example.org');
  });
});
