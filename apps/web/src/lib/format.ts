/**
 * Dates, times and country names in the reader's language. Every time is shown in the
 * meeting's IANA zone (never the server's or the browser's), and the zone is named.
 */
import { COUNTRY_CODES } from '@kengash/core/schemas/countries';

const cache = new Map<string, Intl.DateTimeFormat>();
function dtf(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let format = cache.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(key, format);
  }
  return format;
}

function toDate(iso: string | Date): Date {
  return typeof iso === 'string' ? new Date(iso) : iso;
}

/** "Asia/Tashkent (GMT+5)": the IANA name plus the offset in force at `at`. */
export function zoneLabel(
  locale: string,
  timeZone: string,
  at: string | Date = new Date(),
): string {
  try {
    const parts = dtf(locale, { timeZone, timeZoneName: 'shortOffset' }).formatToParts(toDate(at));
    const offset = parts.find((p) => p.type === 'timeZoneName')?.value;
    return offset && offset !== timeZone ? `${timeZone} (${offset})` : timeZone;
  } catch {
    return timeZone;
  }
}

/** "12–14 May 2026" in the meeting's zone. */
export function formatDateRange(
  locale: string,
  start: string | Date,
  end: string | Date,
  timeZone: string,
): string {
  return dtf(locale, { timeZone, dateStyle: 'long' }).formatRange(toDate(start), toDate(end));
}

/** "12 May 2026, 09:30" in the given zone (name the zone near it). */
export function formatDateTime(locale: string, at: string | Date, timeZone: string): string {
  return dtf(locale, { timeZone, dateStyle: 'medium', timeStyle: 'short' }).format(toDate(at));
}

/** "12 May 2026, 09:30 (Asia/Tashkent)". */
export function formatDateTimeZoned(locale: string, at: string | Date, timeZone: string): string {
  return `${formatDateTime(locale, at, timeZone)} (${timeZone})`;
}

/** "12:14" in the given zone. */
export function formatTime(locale: string, at: string | Date, timeZone: string): string {
  return dtf(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).format(toDate(at));
}

/** "09:30–11:00" in the meeting's zone. */
export function formatTimeRange(
  locale: string,
  start: string | Date,
  end: string | Date,
  timeZone: string,
): string {
  return dtf(locale, { timeZone, hour: '2-digit', minute: '2-digit' }).formatRange(
    toDate(start),
    toDate(end),
  );
}

/** "Tuesday, 12 May 2026" (capitalised: Russian weekdays are lower case mid-sentence). */
export function formatDay(locale: string, at: string | Date, timeZone: string): string {
  const day = dtf(locale, {
    timeZone,
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  }).format(toDate(at));
  return day.charAt(0).toLocaleUpperCase(locale) + day.slice(1);
}

/** The calendar day (YYYY-MM-DD) of an instant in a zone, for grouping. */
export function dayKey(at: string | Date, timeZone: string): string {
  return dtf('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    toDate(at),
  );
}

/**
 * Names that the UN and the OSCE use where the runtime's CLDR data says otherwise
 * (CLDR's Russian for KG is "Киргизия"; the country and the council say "Кыргызстан").
 */
const officialNames: Record<string, Record<string, string>> = {
  ru: { KG: 'Кыргызстан' },
};

const regionNames = new Map<string, Intl.DisplayNames>();
/** "Uzbekistan" / "Узбекистан" for "UZ"; the code itself when unknown. */
export function countryName(locale: string, code: string): string {
  const official = officialNames[locale]?.[code];
  if (official) return official;
  let names = regionNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'region' });
    regionNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/** Every country as {code, name}, sorted by name in the reader's language. */
export function countryOptions(locale: string): { code: string; name: string }[] {
  const collator = new Intl.Collator(locale);
  return COUNTRY_CODES.map((code) => ({ code, name: countryName(locale, code) })).sort((a, b) =>
    collator.compare(a.name, b.name),
  );
}

const languageNames = new Map<string, Intl.DisplayNames>();
/** Languages whose own people's name CLDR does not give in Russian (it says "киргизский"). */
const officialLanguageNames: Record<string, Record<string, string>> = {
  ru: { ky: 'кыргызский' },
};

/** "Russian" / "русский" for "ru". */
export function languageName(locale: string, code: string): string {
  const official = officialLanguageNames[locale]?.[code];
  if (official) return official;
  let names = languageNames.get(locale);
  if (!names) {
    names = new Intl.DisplayNames([locale], { type: 'language' });
    languageNames.set(locale, names);
  }
  try {
    return names.of(code) ?? code;
  } catch {
    return code;
  }
}

/**
 * The `lang` attribute for text whose language differs from the page's (WCAG 3.1.2), or
 * undefined when it is the page's own.
 */
export function langIfOther(textLang: string | null | undefined, pageLang: string) {
  return textLang && textLang !== pageLang ? textLang : undefined;
}

/** Whether a meeting has ended. */
export function isPast(meeting: { endsAt: string }, now = Date.now()): boolean {
  return Date.parse(meeting.endsAt) < now;
}
