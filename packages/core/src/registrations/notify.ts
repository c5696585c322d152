import type { Effects } from '../changes/envelope.js';
import { createSignInLink, REGISTRATION_LINK_MINUTES } from '../accounts/sign-in-link.js';
import { meetingCalendar } from '../calendar/meeting-calendar.js';
import { meetingRef, type MeetingRow } from '../meetings/rows.js';
import { isLocale, type Locale, type RegistrationStatus } from '../schemas/values.js';
import { formatCheckInCode } from '../tokens.js';
import { waitlistPosition, type RegistrationRow } from './rows.js';

/** Queues the e-mail a delegate is owed for reaching `reg.status`, in her language. */
export async function notifyDelegate(
  fx: Effects,
  m: MeetingRow,
  reg: RegistrationRow,
  from: RegistrationStatus | null,
): Promise<void> {
  const locale: Locale = isLocale(reg.preferredLanguage) ? reg.preferredLanguage : 'en';
  const meeting = meetingRef(fx.publicUrl, m, locale);
  const name = reg.fullName;
  const signIn = () =>
    createSignInLink(fx.tx, {
      publicUrl: fx.publicUrl,
      email: reg.email,
      next: `/meetings/${m.slug}/me`,
      minutes: REGISTRATION_LINK_MINUTES,
    });
  const mail = { to: reg.email, locale };
  switch (reg.status) {
    case 'pending':
      return fx.mail({
        ...mail,
        params: { kind: 'registration_received', meeting, name, signInUrl: await signIn() },
      });
    case 'confirmed': {
      const params = {
        meeting,
        name,
        signInUrl: await signIn(),
        code: formatCheckInCode(reg.checkInCode),
      };
      return fx.mail({
        ...mail,
        params:
          from === 'waitlisted'
            ? { kind: 'registration_promoted', ...params }
            : { kind: 'registration_confirmed', ...params },
        attachments: [
          {
            filename: `${m.slug}.ics`,
            contentType: 'text/calendar; charset=utf-8; method=PUBLISH',
            content: meetingCalendar({
              publicUrl: fx.publicUrl,
              meeting: m,
              locale,
              method: 'publish',
            }),
          },
        ],
      });
    }
    case 'waitlisted':
      return fx.mail({
        ...mail,
        params: {
          kind: 'registration_waitlisted',
          meeting,
          name,
          signInUrl: await signIn(),
          position: (await waitlistPosition(fx.tx, reg)) ?? 1,
        },
      });
    case 'declined':
      return fx.mail({ ...mail, params: { kind: 'registration_declined', meeting, name } });
    case 'cancelled':
      return fx.mail({ ...mail, params: { kind: 'registration_cancelled', meeting, name } });
  }
}
