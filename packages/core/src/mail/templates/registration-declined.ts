import { greet, type MeetingRef, type Template } from './types.js';

export interface RegistrationDeclinedParams {
  kind: 'registration_declined';
  meeting: MeetingRef;
  name?: string | null;
}

export const registrationDeclined: Template<RegistrationDeclinedParams> = {
  en: (p) => ({
    subject: `Registration not accepted: ${p.meeting.title}`,
    greeting: greet.en(p.name),
    paragraphs: [
      `We are sorry: the secretariat could not accept your registration for ${p.meeting.title}.`,
      'If you think this is a mistake, reply to the secretariat of the meeting.',
    ],
  }),
  ru: (p) => ({
    subject: `Заявка отклонена: ${p.meeting.title}`,
    greeting: greet.ru(p.name),
    paragraphs: [
      `К сожалению, секретариат не смог принять вашу заявку на мероприятие «${p.meeting.title}».`,
      'Если вы считаете это ошибкой, напишите в секретариат мероприятия.',
    ],
  }),
};
