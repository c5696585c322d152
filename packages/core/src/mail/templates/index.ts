/**
 * Every kind of e-mail, one file a kind with all its languages. Add a kind: write its
 * file, add it to MailParams and to `templates`.
 */
import { agendaChanged, type AgendaChangedParams } from './agenda-changed.js';
import { magicLink, type MagicLinkParams } from './magic-link.js';
import {
  registrationCancelled,
  type RegistrationCancelledParams,
} from './registration-cancelled.js';
import {
  registrationConfirmed,
  type RegistrationConfirmedParams,
} from './registration-confirmed.js';
import { registrationDeclined, type RegistrationDeclinedParams } from './registration-declined.js';
import { registrationPromoted, type RegistrationPromotedParams } from './registration-promoted.js';
import { registrationReceived, type RegistrationReceivedParams } from './registration-received.js';
import {
  registrationWaitlisted,
  type RegistrationWaitlistedParams,
} from './registration-waitlisted.js';
import type { Template } from './types.js';

export type { Draft, MeetingRef } from './types.js';

export type MailParams =
  | MagicLinkParams
  | RegistrationReceivedParams
  | RegistrationConfirmedParams
  | RegistrationWaitlistedParams
  | RegistrationPromotedParams
  | RegistrationDeclinedParams
  | RegistrationCancelledParams
  | AgendaChangedParams;

export type MailKind = MailParams['kind'];

export const templates: { [K in MailKind]: Template<Extract<MailParams, { kind: K }>> } = {
  magic_link: magicLink,
  registration_received: registrationReceived,
  registration_confirmed: registrationConfirmed,
  registration_waitlisted: registrationWaitlisted,
  registration_promoted: registrationPromoted,
  registration_declined: registrationDeclined,
  registration_cancelled: registrationCancelled,
  agenda_changed: agendaChanged,
};
