import { foldLines as generatorFold } from 'ical-generator';
import { describe, expect, it } from 'vitest';
import {
  calendarName,
  foldLines,
  localTimeRange,
  sessionsCalendar,
} from '../../src/calendar/session-events.js';

describe('calendar text', () => {
  it('keeps a calendar name on its line: control characters become spaces', () => {
    expect(calendarName('Council, 5th; session')).toBe('Council, 5th; session');
    expect(calendarName('A\r\nBEGIN:VEVENT\nUID:x\u0007')).toBe('A BEGIN:VEVENT UID:x');
    const ics = sessionsCalendar({
      publicUrl: 'https://kengash.example',
      name: 'Evil\r\nBEGIN:VEVENT\r\nUID:injected',
      entries: [],
      wanted: ['en'],
    });
    expect(ics).not.toMatch(/^BEGIN:VEVENT/m);
    expect(ics).not.toMatch(/^UID:/m);
    expect(ics).toContain('X-WR-CALNAME:Evil BEGIN:VEVENT UID:injected');
  });

  it("spells out a session's time in the meeting's zone, across days and a DST switch", () => {
    const t = (iso: string) => new Date(iso);
    expect(
      localTimeRange(t('2027-04-20T04:00:00Z'), t('2027-04-20T05:30:00Z'), 'Asia/Tashkent'),
    ).toBe('2027-04-20 09:00–10:30 (Asia/Tashkent)');
    expect(
      localTimeRange(t('2027-03-14T06:30:00Z'), t('2027-03-14T07:30:00Z'), 'America/New_York'),
    ).toBe('2027-03-14 01:30–03:30 (America/New_York)');
    expect(
      localTimeRange(t('2027-04-20T18:00:00Z'), t('2027-04-20T20:00:00Z'), 'Asia/Tashkent'),
    ).toBe('2027-04-20 23:00–2027-04-21 01:00 (Asia/Tashkent)');
  });

  it('folds lines exactly as ical-generator does: 75 octets at most, never inside a character', () => {
    const lines = [
      'SUMMARY:short',
      `DESCRIPTION:${'a'.repeat(300)}`,
      `DESCRIPTION:${'Пленарное заседание, '.repeat(12)}`,
      `SUMMARY:${'Side event 🇺🇿 — '.repeat(10)}`,
      `LOCATION:${'x'.repeat(73)}é${'y'.repeat(80)}`,
    ];
    const text = lines.join('\r\n');
    expect(foldLines(text)).toBe(generatorFold(text));
    for (const line of foldLines(text).split('\r\n'))
      expect(Buffer.byteLength(line)).toBeLessThanOrEqual(75);
  });
});
