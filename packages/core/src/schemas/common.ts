/**
 * Building blocks of the schemas: the same field is validated the same way in every body,
 * form and query.
 */
import { z } from 'zod';
import { isIsoCountry } from './countries.js';
import { locales, PROBLEM_TYPE_BASE } from './values.js';

/** Intl knows every IANA zone this runtime knows; an unknown one throws. */
export function isIanaTimeZone(value: string): boolean {
  if (!value.includes('/') && value !== 'UTC') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const trimmed = (max: number) => z.string().trim().min(1).max(max);
export const optionalText = (max: number) => z.string().trim().max(max).optional().nullable();
export const email = z
  .string()
  .trim()
  .toLowerCase()
  .pipe(z.email({ message: 'Enter a valid e-mail address' }).max(254));
export const isoInstant = z.iso.datetime({ offset: true, message: 'Use an ISO 8601 date-time' });
export const slug = z
  .string()
  .regex(/^[a-z0-9-]{3,64}$/, 'Use 3–64 lowercase letters, digits and hyphens');
export const country = z
  .string()
  .trim()
  .toUpperCase()
  .refine(isIsoCountry, 'Use an ISO 3166-1 alpha-2 country code, e.g. UZ');
export const timezone = z
  .string()
  .refine(isIanaTimeZone, 'Use an IANA time zone, e.g. Asia/Tashkent');
export const locale = z.enum(locales);
/** A language of content: an ISO 639 code such as en, ru, uz, kk. */
export const languageCode = z.string().regex(/^[a-z]{2,3}$/, 'Use a language code such as en');
export const uuid = (what: string) => z.uuid({ message: `Not a valid ${what} id` });

/**
 * A path on this site to go to after signing in: one leading slash, no second slash or
 * backslash (either would name another host), no whitespace or control characters.
 */
export const nextPath = z
  .string()
  .regex(/^\/(?![/\\])[^\s\u0000-\u001f\\]*$/, 'Must be a path on this site')
  .max(500);

/**
 * Text people write for others to read: a string (in the content's first language) or a
 * map of language to text. In a change, a language mapped to null or "" is removed.
 */
export const localizedInput = (max: number) =>
  z.union([
    trimmed(max),
    z
      .record(languageCode, z.string().trim().max(max).nullable())
      .refine((m) => Object.keys(m).length > 0, 'Give the text in at least one language'),
  ]);
export const optionalLocalizedInput = (max: number) =>
  z.union([
    z.string().trim().max(max),
    z.record(languageCode, z.string().trim().max(max).nullable()),
  ]);
export type LocalizedInput = z.infer<ReturnType<typeof localizedInput>>;

/** The languages a text was given in, as answers show them next to the chosen one. */
export const translationsMap = z.record(z.string(), z.string());

/** RFC 9457 problem document: every error of the API. */
export const problemView = z
  .object({
    type: z.string().meta({ example: `${PROBLEM_TYPE_BASE}409` }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .meta({ id: 'Problem', description: 'An RFC 9457 problem document' });
export type ProblemView = z.infer<typeof problemView>;

export const items = <T extends z.ZodType>(item: T) => z.object({ items: z.array(item) });
export const instant = z.string().meta({ format: 'date-time' });
