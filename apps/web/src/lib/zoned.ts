/**
 * Wall-clock times in a meeting's zone for `<input type="datetime-local">`: organizers
 * type the time as the meeting's city reads it, whatever zone their own computer is in.
 */

const parts = new Map<string, Intl.DateTimeFormat>();
function partsFormat(timeZone: string): Intl.DateTimeFormat {
  let f = parts.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    parts.set(timeZone, f);
  }
  return f;
}

/** The zone's wall clock at `at`, as milliseconds of a UTC clock showing the same digits. */
function wallClock(at: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const { type, value } of partsFormat(timeZone).formatToParts(at))
    if (type !== 'literal') p[type] = Number(value);
  return Date.UTC(p.year!, p.month! - 1, p.day!, p.hour!, p.minute!, p.second!);
}

/** "2026-05-12T09:30" in the zone for an ISO instant; '' for none. */
export function toZonedInput(iso: string | null | undefined, timeZone: string): string {
  if (!iso) return '';
  const at = Date.parse(iso);
  if (Number.isNaN(at)) return '';
  return new Date(wallClock(at, timeZone)).toISOString().slice(0, 16);
}

/**
 * The instant (ISO 8601, UTC) at which the zone's clock shows `local` ("2026-05-12T09:30"),
 * or null when `local` is not such a value. In a gap of a clock change the later reading
 * wins, as calendars do.
 */
export function fromZonedInput(local: string, timeZone: string): string | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(local.trim());
  if (!m) return null;
  const asUtc = Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +(m[6] ?? 0));
  if (Number.isNaN(asUtc)) return null;
  // The zone's offset near that time, then once more at the found instant (clock changes).
  let at = asUtc - (wallClock(asUtc, timeZone) - asUtc);
  at = asUtc - (wallClock(at, timeZone) - at);
  return new Date(at).toISOString();
}
