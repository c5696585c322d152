import { pgEnum } from 'drizzle-orm/pg-core';
import {
  meetingStatuses,
  participantTypes,
  registrationModes,
  registrationStatuses,
  sessionKinds,
  sessionStatuses,
  staffRoles,
  speakerRoles,
  floorKinds,
  floorStatuses,
  questionStatuses,
} from './values.js';

export const meetingStatus = pgEnum('meeting_status', meetingStatuses);
export const registrationMode = pgEnum('registration_mode', registrationModes);
export const staffRole = pgEnum('staff_role', staffRoles);
export const registrationStatus = pgEnum('registration_status', registrationStatuses);
export const participantType = pgEnum('participant_type', participantTypes);
export const sessionKind = pgEnum('session_kind', sessionKinds);
export const sessionStatus = pgEnum('session_status', sessionStatuses);
export const speakerRole = pgEnum('speaker_role', speakerRoles);
export const floorKind = pgEnum('floor_kind', floorKinds);
export const floorStatus = pgEnum('floor_status', floorStatuses);
export const questionStatus = pgEnum('question_status', questionStatuses);
