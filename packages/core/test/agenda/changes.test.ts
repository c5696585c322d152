/**
 * The agenda's pure rules: the changelog between two published versions (agenda/versions.ts)
 * and the change notice that gathers a delegate's changes (mail/templates/agenda-changed.ts).
 */
import { describe, expect, it } from 'vitest';
import { diffAgenda } from '../../src/agenda/versions.js';
import { renderMail } from '../../src/mail/render.js';
import {
  type AgendaChangedParams,
  mergeAgendaChanges,
} from '../../src/mail/templates/agenda-changed.js';
import { sessionWhen } from '../../src/sessions/notify.js';

const row = (id: string, over: Record<string, unknown> = {}) => ({
  sessionId: id,
  title: { en: `Session ${id}` },
  startsAt: '2027-03-01T04:00:00.000Z',
  endsAt: '2027-03-01T05:00:00.000Z',
  room: 'Hall A',
  status: 'scheduled',
  kind: 'plenary',
  ...over,
});

describe('diffAgenda', () => {
  it('lists every scheduled session as added the first time', () => {
    expect(diffAgenda(null, [row('a'), row('b'), row('c', { status: 'cancelled' })])).toEqual([
      { sessionId: 'a', title: { en: 'Session a' }, change: 'added' },
      { sessionId: 'b', title: { en: 'Session b' }, change: 'added' },
    ]);
  });

  it('names one change a session: cancelled, then moved, then changed', () => {
    const before = [
      row('same'),
      row('time'),
      row('room'),
      row('title'),
      row('kind'),
      row('gone'),
      row('cancel'),
      row('back', { status: 'cancelled' }),
      row('still-cancelled', { status: 'cancelled' }),
      row('all'),
    ];
    const after = [
      row('same', { title: { en: 'Session same' } }),
      row('time', { endsAt: '2027-03-01T05:30:00.000Z' }),
      row('room', { room: 'Hall B' }),
      row('title', { title: { en: 'Session title', ru: 'Сессия' } }),
      row('kind', { kind: 'panel' }),
      row('cancel', { status: 'cancelled' }),
      row('back'),
      row('still-cancelled', { status: 'cancelled', room: 'X' }),
      row('all', { status: 'cancelled', room: 'X', title: { en: 'X' } }),
      row('new'),
    ];
    expect(diffAgenda(before, after).map((c) => `${c.sessionId} ${c.change}`)).toEqual([
      'time moved',
      'room moved',
      'title changed',
      'kind changed',
      'cancel cancelled',
      'back added',
      'all cancelled',
      'new added',
      'gone cancelled',
    ]);
  });

  it('treats a missing room and an empty one alike, and key order of titles as no change', () => {
    expect(
      diffAgenda(
        [row('a', { room: null, title: { en: 'A', ru: 'А' } })],
        [row('a', { room: null, title: { ru: 'А', en: 'A' } })],
      ),
    ).toEqual([]);
  });
});

const notice = (changes: AgendaChangedParams['changes']): AgendaChangedParams => ({
  kind: 'agenda_changed',
  meeting: {
    title: 'REC',
    city: 'Tashkent',
    dates: '1 March 2027',
    url: 'https://k.test/meetings/rec',
  },
  timezone: 'Asia/Tashkent',
  changes,
  name: 'Emma',
});
const item = (id: string, when: string, cancelled = false) => ({
  sessionId: id,
  title: `Title ${id}`,
  when,
  room: 'Hall A',
  cancelled,
});

describe('the change notice', () => {
  it('merges by session, the newest state of each, in the order first seen', () => {
    const merged = mergeAgendaChanges(
      notice([item('a', '09:00'), item('b', '10:00')]),
      notice([item('a', '11:00', true), item('c', '12:00')]),
    );
    expect(merged.changes).toEqual([
      item('a', '11:00', true),
      item('b', '10:00'),
      item('c', '12:00'),
    ]);
  });

  it('renders both languages, escaping what organizers typed in the HTML', () => {
    const p = notice([{ ...item('x', '09:00 – 10:00'), title: '<b>Water</b> & law' }]);
    const en = renderMail('en', p);
    expect(en.subject).toBe('Agenda change: <b>Water</b> & law — REC');
    expect(en.text).toContain('• <b>Water</b> & law — 09:00 – 10:00, room: Hall A');
    expect(en.html).toContain('&lt;b&gt;Water&lt;/b&gt; &amp; law');
    expect(en.html).not.toContain('<b>Water</b>');
    const ru = renderMail('ru', { ...p, changes: [...p.changes, item('y', '11:00', true)] });
    expect(ru.subject).toBe('Изменения в программе (2) — REC');
    expect(ru.text).toContain('• Title y — ОТМЕНЕНО (было: 11:00, Hall A)');
    expect(ru.html).toContain('<html lang="ru">');
  });

  it('gives times in the meeting’s zone, across a daylight-saving change too', () => {
    const s = {
      startsAt: new Date('2027-03-01T04:00:00Z'),
      endsAt: new Date('2027-03-01T05:30:00Z'),
    };
    expect(sessionWhen(s, 'Asia/Tashkent', 'en')).toMatch(/09:00\s*–\s*10:30/);
    // New York moves to summer time on 14 March 2027: 14:00 UTC is 09:00 before, 10:00 after.
    const before = {
      startsAt: new Date('2027-03-13T14:00:00Z'),
      endsAt: new Date('2027-03-13T15:00:00Z'),
    };
    const after = {
      startsAt: new Date('2027-03-15T14:00:00Z'),
      endsAt: new Date('2027-03-15T15:00:00Z'),
    };
    expect(sessionWhen(before, 'America/New_York', 'ru')).toMatch(/09:00\s*–\s*10:00/);
    expect(sessionWhen(after, 'America/New_York', 'ru')).toMatch(/10:00\s*–\s*11:00/);
  });
});
