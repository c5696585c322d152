import { greet, type MeetingRef, type Template } from './types.js';

export interface RegistrationWaitlistedParams {
  kind: 'registration_waitlisted';
  meeting: MeetingRef;
  signInUrl: string;
  position: number;
  name?: string | null;
}

export const registrationWaitlisted: Template<RegistrationWaitlistedParams> = {
  en: (p) => ({
    subject: `Waiting list: ${p.meeting.title}`,
    greeting: greet.en(p.name),
    paragraphs: [
      `${p.meeting.title} is full at the moment. You are number ${p.position} on the waiting list.`,
      'When a seat frees up it goes to the first person waiting, and we will e-mail you at once.',
    ],
    action: { label: 'See your registration', url: p.signInUrl },
  }),
  ru: (p) => ({
    subject: `Лист ожидания: ${p.meeting.title}`,
    greeting: greet.ru(p.name),
    paragraphs: [
      `Все места на мероприятие «${p.meeting.title}» сейчас заняты. Ваш номер в листе ожидания: ${p.position}.`,
      'Освободившееся место получает первый в очереди; мы сразу сообщим вам по почте.',
    ],
    action: { label: 'Посмотреть заявку', url: p.signInUrl },
  }),
};
