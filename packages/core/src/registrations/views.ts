import type { RegistrationAction, RegistrationView } from '../schemas/registrations.js';
import { formatCheckInCode } from '../tokens.js';
import type { RegistrationRow } from './rows.js';

/** Who looks at a registration: its organizer, or the delegate it belongs to. */
export interface RegistrationViewer {
  organizer: boolean;
  own: boolean;
}

/** What this viewer may do with the registration now. */
export function registrationActionsFor(
  r: RegistrationRow,
  viewer: RegistrationViewer,
): RegistrationAction[] {
  const out: RegistrationAction[] = [];
  const live = r.status === 'pending' || r.status === 'confirmed' || r.status === 'waitlisted';
  if (viewer.organizer) {
    if (r.status === 'pending') out.push('approve');
    if (r.status === 'pending' || r.status === 'waitlisted') out.push('decline');
    if (r.status === 'confirmed' && !r.checkedInAt) out.push('checkIn');
  }
  // A delegate who has checked in is at the meeting: only the secretariat cancels then.
  if (live && (viewer.organizer || (viewer.own && !r.checkedInAt))) out.push('cancel');
  return out;
}

export function toRegistrationView(
  r: RegistrationRow,
  slug: string,
  position: number | null,
  viewer: RegistrationViewer,
): RegistrationView {
  return {
    id: r.id,
    meetingSlug: slug,
    email: r.email,
    fullName: r.fullName,
    organization: r.organization,
    country: r.country,
    participantType: r.participantType,
    jobTitle: r.jobTitle,
    preferredLanguage: r.preferredLanguage,
    dietaryNeeds: r.dietaryNeeds,
    accessibilityNeeds: r.accessibilityNeeds,
    needsVisaLetter: r.needsVisaLetter,
    status: r.status,
    waitlistPosition: position,
    checkInCode: formatCheckInCode(r.checkInCode),
    checkedInAt: r.checkedInAt?.toISOString() ?? null,
    consentAt: r.consentAt.toISOString(),
    consentVersion: r.consentVersion,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    allowedActions: registrationActionsFor(r, viewer),
  };
}
