import { greet, type MeetingRef, type Template } from './types.js';

export interface RegistrationCancelledParams {
  kind: 'registration_cancelled';
  meeting: MeetingRef;
  name?: string | null;
}

export const registrationCancelled: Template<RegistrationCancelledParams> = {
  en: (p) => ({
    subject: `Registration cancelled: ${p.meeting.title}`,
    greeting: greet.en(p.name),
    paragraphs: [`Your registration for ${p.meeting.title} (${p.meeting.dates}) is cancelled.`],
    action: { label: 'Meeting page', url: p.meeting.url },
  }),
  ru: (p) => ({
    subject: `Регистрация отменена: ${p.meeting.title}`,
    greeting: greet.ru(p.name),
    paragraphs: [
      `Ваша регистрация на мероприятие «${p.meeting.title}» (${p.meeting.dates}) отменена.`,
    ],
    action: { label: 'Страница мероприятия', url: p.meeting.url },
  }),
};
