/**
 * Value lists and names defined once for the whole product. The enums' literals come from
 * the database package, which feeds both pgEnum and z.enum from them.
 */
export {
  meetingStatuses,
  participantTypes,
  registrationModes,
  registrationStatuses,
  sessionKinds,
  sessionStatuses,
  staffRoles,
  type LocalizedText,
} from '@kengash/db/values';
import type {
  meetingStatuses,
  participantTypes,
  registrationModes,
  registrationStatuses,
  staffRoles,
} from '@kengash/db/values';

export type RegistrationStatus = (typeof registrationStatuses)[number];
export type StaffRole = (typeof staffRoles)[number];
export type MeetingStatus = (typeof meetingStatuses)[number];
export type ParticipantType = (typeof participantTypes)[number];
export type RegistrationMode = (typeof registrationModes)[number];
export type SessionKind = (typeof import('@kengash/db/values').sessionKinds)[number];
export type SessionStatus = (typeof import('@kengash/db/values').sessionStatuses)[number];

/** The languages of the interface and of e-mail. Add one with its translation files. */
export const locales = ['en', 'ru'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';
export const isLocale = (value: unknown): value is Locale =>
  typeof value === 'string' && (locales as readonly string[]).includes(value);

/** The session cookie set by POST /api/auth/verify. */
export const SESSION_COOKIE = 'kengash_session';
/** The cookie that keeps the reader's chosen interface language. */
export const LANG_COOKIE = 'lang';
/** RFC 9457 `type` of our problems: this prefix and the status. */
export const PROBLEM_TYPE_BASE = 'https://kengash.dev/problems/';

/** The text a delegate consents to; its version is recorded with the consent. */
export const CONSENT_VERSION = '2026-11-v1';
