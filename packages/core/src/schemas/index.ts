/**
 * The schemas of Kengash, written once: the API validates its bodies with them, the web
 * forms validate with them, and the OpenAPI document is generated from them.
 * This module is browser-safe: it imports nothing but zod and the value lists of the enums.
 */
import { z } from 'zod';

import {
  meetingStatuses,
  participantTypes,
  registrationModes,
  registrationStatuses,
  staffRoles,
} from '@kengash/db/values';

export { meetingStatuses, participantTypes, registrationModes, registrationStatuses, staffRoles };
export const locales = ['en', 'ru'] as const;
export type Locale = (typeof locales)[number];
export type RegistrationStatus = (typeof registrationStatuses)[number];
export type StaffRole = (typeof staffRoles)[number];
export type MeetingStatus = (typeof meetingStatuses)[number];
export type ParticipantType = (typeof participantTypes)[number];

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

export { COUNTRY_CODES, isIsoCountry } from './countries.js';
import { isIsoCountry } from './countries.js';

const trimmed = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) => z.string().trim().max(max).optional().nullable();
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

const meetingFields = {
  title: trimmed(200),
  description: optionalText(20000),
  series: z
    .string()
    .regex(/^[a-z0-9-]{3,64}$/, 'Use 3–64 lowercase letters, digits and hyphens')
    .optional()
    .nullable(),
  venue: optionalText(300),
  city: trimmed(120),
  country,
  timezone,
  startsAt: isoInstant,
  endsAt: isoInstant,
  capacity: z.number().int().min(1).max(100000),
  registrationMode: z.enum(registrationModes),
  registrationOpensAt: isoInstant.optional().nullable(),
  registrationClosesAt: isoInstant.optional().nullable(),
  maxPerCountry: z.number().int().min(1).max(100000).optional().nullable(),
  languages: z
    .array(z.string().regex(/^[a-z]{2,3}$/))
    .max(20)
    .optional(),
  hostOrganizations: z.array(trimmed(200)).max(30).optional(),
};

type Window = {
  startsAt?: string | undefined;
  endsAt?: string | undefined;
  registrationOpensAt?: string | null | undefined;
  registrationClosesAt?: string | null | undefined;
};
/** Cross-field rules shared by create and update (update checks the merged result). */
export function meetingWindowIssues(m: Window): { path: string; message: string }[] {
  const issues: { path: string; message: string }[] = [];
  if (m.startsAt && m.endsAt && Date.parse(m.endsAt) <= Date.parse(m.startsAt))
    issues.push({ path: 'endsAt', message: 'Must be after startsAt' });
  if (
    m.registrationOpensAt &&
    m.registrationClosesAt &&
    Date.parse(m.registrationClosesAt) <= Date.parse(m.registrationOpensAt)
  )
    issues.push({ path: 'registrationClosesAt', message: 'Must be after registrationOpensAt' });
  return issues;
}

export const meetingCreate = z.object({ slug, ...meetingFields }).superRefine((m, ctx) => {
  for (const i of meetingWindowIssues(m))
    ctx.addIssue({ code: 'custom', path: [i.path], message: i.message });
});
export type MeetingCreate = z.infer<typeof meetingCreate>;

export const meetingUpdate = z.object(meetingFields).partial();
export type MeetingUpdate = z.infer<typeof meetingUpdate>;

export const staffInput = z.object({ email, role: z.enum(staffRoles) });
export const workingGroupInput = z.object({
  code: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9]{1,8}$/, 'Use 1–8 letters or digits, e.g. A'),
  name: trimmed(300),
});

export const magicLinkRequest = z.object({
  email,
  language: locale.optional(),
  next: z
    .string()
    .regex(/^\/(?!\/)[^\s]*$/, 'Must be a path on this site')
    .max(500)
    .optional(),
});
export const verifyRequest = z.object({ token: z.string().min(10).max(200) });

export const registrationInput = z.object({
  email,
  fullName: trimmed(200),
  organization: trimmed(300),
  country,
  participantType: z.enum(participantTypes),
  jobTitle: optionalText(200),
  preferredLanguage: locale.optional(),
  dietaryNeeds: optionalText(500),
  accessibilityNeeds: optionalText(500),
  needsVisaLetter: z.boolean().optional(),
  consent: z.literal(true, { message: 'Consent is required to register' }),
});
export type RegistrationInput = z.infer<typeof registrationInput>;

export const checkInInput = z.object({ code: z.string().trim().min(4).max(64) });

/** The text a delegate consents to; its version is recorded with the consent. */
export const CONSENT_VERSION = '2026-11-v1';
