import { z } from 'zod';
import { country, email, instant, locale, optionalText, trimmed } from './common.js';
import { participantTypes, registrationStatuses, type RegistrationStatus } from './values.js';

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

export const registrationFilter = z.object({
  status: z.enum(registrationStatuses).optional(),
  country: z.string().max(2).optional(),
  q: z.string().max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).optional(),
  offset: z.coerce.number().int().min(0).optional(),
});
export type RegistrationFilter = z.infer<typeof registrationFilter>;

/**
 * The allowed transitions. pending and waitlisted wait for a seat or a decision; confirmed
 * holds a seat; declined and cancelled are final (a new registration may follow them).
 */
export const registrationTransitions: Record<RegistrationStatus, readonly RegistrationStatus[]> = {
  pending: ['confirmed', 'waitlisted', 'declined', 'cancelled'],
  waitlisted: ['confirmed', 'declined', 'cancelled'],
  confirmed: ['cancelled'],
  declined: [],
  cancelled: [],
};
export const canTransition = (from: RegistrationStatus, to: RegistrationStatus) =>
  registrationTransitions[from].includes(to);
/** Statuses that hold or wait for a seat: one of these per address and meeting. */
export const liveRegistrationStatuses = ['pending', 'confirmed', 'waitlisted'] as const;

export const registrationActions = ['approve', 'decline', 'cancel', 'checkIn'] as const;
export type RegistrationAction = (typeof registrationActions)[number];

export const registrationCreated = z
  .object({
    id: z.string(),
    status: z.enum(registrationStatuses),
    waitlistPosition: z.number().int().optional(),
  })
  .meta({ id: 'RegistrationCreated' });

export const registrationView = z
  .object({
    id: z.string(),
    meetingSlug: z.string(),
    email: z.string(),
    fullName: z.string(),
    organization: z.string(),
    country: z.string(),
    participantType: z.enum(participantTypes),
    jobTitle: z.string().nullable(),
    preferredLanguage: z.string(),
    dietaryNeeds: z.string().nullable(),
    accessibilityNeeds: z.string().nullable(),
    needsVisaLetter: z.boolean(),
    status: z.enum(registrationStatuses),
    waitlistPosition: z.number().int().nullable(),
    checkInCode: z.string(),
    checkedInAt: instant.nullable(),
    consentAt: instant,
    consentVersion: z.string(),
    createdAt: instant,
    updatedAt: instant,
    allowedActions: z.array(z.enum(registrationActions)),
  })
  .meta({ id: 'Registration' });
export type RegistrationView = z.infer<typeof registrationView>;

export const myRegistrationView = registrationView
  .extend({ checkInQrSvg: z.string().nullable() })
  .meta({ id: 'OwnRegistration' });
export type MyRegistrationView = z.infer<typeof myRegistrationView>;

export const checkInView = registrationView
  .extend({
    alreadyCheckedIn: z
      .boolean()
      .meta({ description: 'The code was scanned before; checkedInAt is the first time' }),
  })
  .meta({ id: 'CheckIn' });
export type CheckInView = z.infer<typeof checkInView>;

export const registrationListView = z
  .object({ items: z.array(registrationView), total: z.number().int() })
  .meta({ id: 'RegistrationList' });
export type RegistrationListView = z.infer<typeof registrationListView>;

export const countryCountsView = z.object({
  country: z.string(),
  confirmed: z.number().int(),
  waitlisted: z.number().int(),
  pending: z.number().int(),
  total: z.number().int(),
});
export const registrationStatsView = z
  .object({
    capacity: z.number().int(),
    maxPerCountry: z.number().int().nullable(),
    byStatus: z.object(
      Object.fromEntries(registrationStatuses.map((s) => [s, z.number().int()])) as Record<
        RegistrationStatus,
        z.ZodNumber
      >,
    ),
    byCountry: z.array(countryCountsView),
    checkedIn: z.number().int(),
  })
  .meta({ id: 'RegistrationStats' });
export type RegistrationStatsView = z.infer<typeof registrationStatsView>;
