/**
 * The shapes the web pages read from the JSON API (docs: /work/shared/spec/api.md).
 * Fields not named in the public contract are marked optional so that a page degrades
 * rather than breaks when the API does not send them.
 */
import type {
  MeetingStatus,
  ParticipantType,
  RegistrationStatus,
  StaffRole,
  registrationModes,
} from '@kengash/core/schemas';

export type { MeetingStatus, ParticipantType, RegistrationStatus, StaffRole };
export type RegistrationMode = (typeof registrationModes)[number];

export interface SessionUser {
  id: string;
  email: string;
  name: string | null;
  isAdmin: boolean;
  roles: { meetingSlug: string; role: StaffRole }[];
}

export interface Meeting {
  id?: string;
  slug: string;
  title: string;
  description?: string | null;
  series?: string | null;
  venue?: string | null;
  city: string;
  country: string;
  timezone: string;
  startsAt: string;
  endsAt: string;
  capacity: number;
  registrationMode: RegistrationMode;
  registrationOpensAt?: string | null;
  registrationClosesAt?: string | null;
  maxPerCountry?: number | null;
  languages?: string[];
  hostOrganizations?: string[];
  status: MeetingStatus;
  confirmedCount?: number;
  waitlistCount?: number;
  /** True when a registration posted now would be accepted (published, open window). */
  registrationOpen?: boolean;
  /** The caller's staff roles on this meeting; empty for everyone else. */
  viewerRoles?: StaffRole[];
}

export interface WorkingGroup {
  id: string;
  code: string;
  name: string;
}

export type SessionKind =
  'ceremony' | 'plenary' | 'panel' | 'working_group' | 'workshop' | 'break' | 'side_event';

export interface AgendaSession {
  id: string;
  title: string;
  kind: SessionKind;
  startsAt: string;
  endsAt: string;
  room?: string | null;
  status: 'scheduled' | 'cancelled' | string;
  workingGroupCode?: string | null;
}

export interface Registration {
  id: string;
  status: RegistrationStatus;
  waitlistPosition?: number | null;
  checkInCode?: string | null;
  checkInQrSvg?: string | null;
  checkedInAt?: string | null;
  fullName: string;
  email: string;
  organization: string;
  country: string;
  participantType?: ParticipantType;
  jobTitle?: string | null;
  preferredLanguage?: string | null;
  dietaryNeeds?: string | null;
  accessibilityNeeds?: string | null;
  needsVisaLetter?: boolean;
  createdAt?: string;
}

export interface RegistrationStats {
  byStatus: Record<RegistrationStatus, number>;
  byCountry: {
    country: string;
    confirmed: number;
    waitlisted: number;
    pending: number;
    total: number;
  }[];
  checkedIn: number;
}

export interface StaffMember {
  email: string;
  name: string | null;
  role: StaffRole;
}

export interface MailboxItem {
  id: string | number;
  to: string;
  subject: string;
  text: string;
  html?: string | null;
  createdAt: string;
  sentAt?: string | null;
}

export interface Items<T> {
  items: T[];
}
