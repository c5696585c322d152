// The value lists behind the enums. @kengash/core re-declares them for zod from the same
// literals; a test in core asserts the two stay equal.
export const registrationModes = ['open', 'approval'] as const;
export const meetingStatuses = ['draft', 'published', 'closed'] as const;
export const staffRoles = ['organizer', 'moderator', 'rapporteur'] as const;
export const registrationStatuses = [
  'pending',
  'confirmed',
  'waitlisted',
  'declined',
  'cancelled',
] as const;
export const participantTypes = [
  'government',
  'international_organization',
  'civil_society',
  'academia',
  'media',
  'other',
] as const;
