// The value lists behind the enums, written once: drizzle's pgEnum and zod's z.enum (in
// @kengash/core/schemas) both read these literals.
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

export const sessionKinds = [
  'ceremony',
  'plenary',
  'panel',
  'working_group',
  'workshop',
  'break',
  'side_event',
] as const;
export const sessionStatuses = ['scheduled', 'cancelled'] as const;

/** Text that people write for others to read, by language: `{en: "…", ru: "…"}`. */
export type LocalizedText = Record<string, string>;

export const speakerRoles = [
  'chair',
  'moderator',
  'keynote',
  'speaker',
  'panelist',
  'rapporteur',
] as const;
export const floorKinds = ['statement', 'reply', 'point_of_order'] as const;
export const floorStatuses = ['waiting', 'speaking', 'done', 'withdrawn'] as const;
export const agendaChanges = ['added', 'moved', 'changed', 'cancelled'] as const;
export const questionStatuses = ['pending', 'approved', 'rejected', 'answered'] as const;
