import { greet, type MeetingRef, type Template } from './types.js';

export interface RegistrationConfirmedParams {
  kind: 'registration_confirmed';
  meeting: MeetingRef;
  signInUrl: string;
  code: string;
  name?: string | null;
}

export const registrationConfirmed: Template<RegistrationConfirmedParams> = {
  en: (p) => ({
    subject: `Registration confirmed: ${p.meeting.title}`,
    greeting: greet.en(p.name),
    paragraphs: [
      `Your place at ${p.meeting.title} (${p.meeting.city}, ${p.meeting.dates}) is confirmed.`,
      `Your check-in code is ${p.code}. Show the QR code on your registration page at the entrance.`,
      'The attached calendar file adds the meeting to your calendar.',
    ],
    action: { label: 'Open your registration', url: p.signInUrl },
  }),
  ru: (p) => ({
    subject: `Регистрация подтверждена: ${p.meeting.title}`,
    greeting: greet.ru(p.name),
    paragraphs: [
      `Ваше участие в мероприятии «${p.meeting.title}» (${p.meeting.city}, ${p.meeting.dates}) подтверждено.`,
      `Ваш код регистрации: ${p.code}. Покажите QR-код со страницы регистрации на входе.`,
      'Приложенный файл календаря добавит мероприятие в ваш календарь.',
    ],
    action: { label: 'Открыть регистрацию', url: p.signInUrl },
  }),
};
