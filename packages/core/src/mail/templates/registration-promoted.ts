import { greet, type MeetingRef, type Template } from './types.js';

export interface RegistrationPromotedParams {
  kind: 'registration_promoted';
  meeting: MeetingRef;
  signInUrl: string;
  code: string;
  name?: string | null;
}

export const registrationPromoted: Template<RegistrationPromotedParams> = {
  en: (p) => ({
    subject: `A seat is yours: ${p.meeting.title}`,
    greeting: greet.en(p.name),
    paragraphs: [
      `A seat has become free and your registration for ${p.meeting.title} (${p.meeting.city}, ${p.meeting.dates}) is now confirmed.`,
      `Your check-in code is ${p.code}. The attached calendar file adds the meeting to your calendar.`,
    ],
    action: { label: 'Open your registration', url: p.signInUrl },
  }),
  ru: (p) => ({
    subject: `Место освободилось: ${p.meeting.title}`,
    greeting: greet.ru(p.name),
    paragraphs: [
      `Освободилось место, и ваша регистрация на мероприятие «${p.meeting.title}» (${p.meeting.city}, ${p.meeting.dates}) подтверждена.`,
      `Ваш код регистрации: ${p.code}. Приложенный файл календаря добавит мероприятие в ваш календарь.`,
    ],
    action: { label: 'Открыть регистрацию', url: p.signInUrl },
  }),
};
