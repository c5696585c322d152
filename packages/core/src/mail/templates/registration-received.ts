import { greet, type MeetingRef, type Template } from './types.js';

export interface RegistrationReceivedParams {
  kind: 'registration_received';
  meeting: MeetingRef;
  signInUrl: string;
  name?: string | null;
}

export const registrationReceived: Template<RegistrationReceivedParams> = {
  en: (p) => ({
    subject: `Registration received: ${p.meeting.title}`,
    greeting: greet.en(p.name),
    paragraphs: [
      `We have received your registration for ${p.meeting.title} (${p.meeting.city}, ${p.meeting.dates}).`,
      'The secretariat reviews every registration; we will write to you as soon as it is decided. Your check-in code comes with the confirmation.',
    ],
    action: { label: 'See your registration', url: p.signInUrl },
  }),
  ru: (p) => ({
    subject: `Заявка получена: ${p.meeting.title}`,
    greeting: greet.ru(p.name),
    paragraphs: [
      `Мы получили вашу заявку на участие в мероприятии «${p.meeting.title}» (${p.meeting.city}, ${p.meeting.dates}).`,
      'Секретариат рассматривает каждую заявку; мы напишем вам, как только решение будет принято. Код для регистрации на входе придёт вместе с подтверждением.',
    ],
    action: { label: 'Посмотреть заявку', url: p.signInUrl },
  }),
};
