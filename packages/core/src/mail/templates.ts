/**
 * E-mail texts in the recipient's language. A template gives a subject, paragraphs and an
 * optional call to action; render() makes the plain-text and HTML bodies from them, so the
 * two never drift apart.
 */
import type { Locale } from '../schemas/index.js';

export interface MeetingRef {
  title: string;
  city: string;
  dates: string;
  url: string;
}

export type MailParams =
  | { kind: 'magic_link'; url: string; minutes: number }
  | { kind: 'registration_received'; meeting: MeetingRef; signInUrl: string }
  | { kind: 'registration_confirmed'; meeting: MeetingRef; signInUrl: string; code: string }
  | {
      kind: 'registration_waitlisted';
      meeting: MeetingRef;
      signInUrl: string;
      position: number;
    }
  | { kind: 'registration_promoted'; meeting: MeetingRef; signInUrl: string; code: string }
  | { kind: 'registration_declined'; meeting: MeetingRef }
  | { kind: 'registration_cancelled'; meeting: MeetingRef };

export type MailKind = MailParams['kind'];

interface Draft {
  subject: string;
  paragraphs: string[];
  action?: { label: string; url: string };
}

type Templates = { [K in MailKind]: (p: Extract<MailParams, { kind: K }>) => Draft };

const en: Templates = {
  magic_link: (p) => ({
    subject: 'Your Kengash sign-in link',
    paragraphs: [
      `Use the button below to sign in to Kengash. The link works once and expires in ${p.minutes} minutes.`,
      'If you did not ask for it, ignore this e-mail: nobody can sign in without the link.',
    ],
    action: { label: 'Sign in', url: p.url },
  }),
  registration_received: (p) => ({
    subject: `Registration received: ${p.meeting.title}`,
    paragraphs: [
      `We have received your registration for ${p.meeting.title} (${p.meeting.city}, ${p.meeting.dates}).`,
      'The secretariat reviews every registration; we will write to you as soon as it is decided.',
    ],
    action: { label: 'See your registration', url: p.signInUrl },
  }),
  registration_confirmed: (p) => ({
    subject: `Registration confirmed: ${p.meeting.title}`,
    paragraphs: [
      `Your place at ${p.meeting.title} (${p.meeting.city}, ${p.meeting.dates}) is confirmed.`,
      `Your check-in code is ${p.code}. Show the QR code on your registration page at the entrance.`,
      'The attached calendar file adds the meeting to your calendar.',
    ],
    action: { label: 'Open your registration', url: p.signInUrl },
  }),
  registration_waitlisted: (p) => ({
    subject: `Waiting list: ${p.meeting.title}`,
    paragraphs: [
      `${p.meeting.title} is full at the moment. You are number ${p.position} on the waiting list.`,
      'When a seat frees up it goes to the first person waiting, and we will e-mail you at once.',
    ],
    action: { label: 'See your registration', url: p.signInUrl },
  }),
  registration_promoted: (p) => ({
    subject: `A seat is yours: ${p.meeting.title}`,
    paragraphs: [
      `A seat has become free and your registration for ${p.meeting.title} (${p.meeting.city}, ${p.meeting.dates}) is now confirmed.`,
      `Your check-in code is ${p.code}. The attached calendar file adds the meeting to your calendar.`,
    ],
    action: { label: 'Open your registration', url: p.signInUrl },
  }),
  registration_declined: (p) => ({
    subject: `Registration not accepted: ${p.meeting.title}`,
    paragraphs: [
      `We are sorry: the secretariat could not accept your registration for ${p.meeting.title}.`,
      'If you think this is a mistake, reply to the secretariat of the meeting.',
    ],
  }),
  registration_cancelled: (p) => ({
    subject: `Registration cancelled: ${p.meeting.title}`,
    paragraphs: [`Your registration for ${p.meeting.title} (${p.meeting.dates}) is cancelled.`],
    action: { label: 'Meeting page', url: p.meeting.url },
  }),
};

const ru: Templates = {
  magic_link: (p) => ({
    subject: 'Ссылка для входа в Kengash',
    paragraphs: [
      `Нажмите кнопку ниже, чтобы войти в Kengash. Ссылка действует один раз и истекает через ${p.minutes} минут.`,
      'Если вы не запрашивали вход, просто проигнорируйте это письмо: без ссылки никто не сможет войти.',
    ],
    action: { label: 'Войти', url: p.url },
  }),
  registration_received: (p) => ({
    subject: `Заявка получена: ${p.meeting.title}`,
    paragraphs: [
      `Мы получили вашу заявку на участие в мероприятии «${p.meeting.title}» (${p.meeting.city}, ${p.meeting.dates}).`,
      'Секретариат рассматривает каждую заявку; мы напишем вам, как только решение будет принято.',
    ],
    action: { label: 'Посмотреть заявку', url: p.signInUrl },
  }),
  registration_confirmed: (p) => ({
    subject: `Регистрация подтверждена: ${p.meeting.title}`,
    paragraphs: [
      `Ваше участие в мероприятии «${p.meeting.title}» (${p.meeting.city}, ${p.meeting.dates}) подтверждено.`,
      `Ваш код регистрации: ${p.code}. Покажите QR-код со страницы регистрации на входе.`,
      'Приложенный файл календаря добавит мероприятие в ваш календарь.',
    ],
    action: { label: 'Открыть регистрацию', url: p.signInUrl },
  }),
  registration_waitlisted: (p) => ({
    subject: `Лист ожидания: ${p.meeting.title}`,
    paragraphs: [
      `Все места на мероприятие «${p.meeting.title}» сейчас заняты. Ваш номер в листе ожидания: ${p.position}.`,
      'Освободившееся место получает первый в очереди; мы сразу сообщим вам по почте.',
    ],
    action: { label: 'Посмотреть заявку', url: p.signInUrl },
  }),
  registration_promoted: (p) => ({
    subject: `Место освободилось: ${p.meeting.title}`,
    paragraphs: [
      `Освободилось место, и ваша регистрация на мероприятие «${p.meeting.title}» (${p.meeting.city}, ${p.meeting.dates}) подтверждена.`,
      `Ваш код регистрации: ${p.code}. Приложенный файл календаря добавит мероприятие в ваш календарь.`,
    ],
    action: { label: 'Открыть регистрацию', url: p.signInUrl },
  }),
  registration_declined: (p) => ({
    subject: `Заявка отклонена: ${p.meeting.title}`,
    paragraphs: [
      `К сожалению, секретариат не смог принять вашу заявку на мероприятие «${p.meeting.title}».`,
      'Если вы считаете это ошибкой, напишите в секретариат мероприятия.',
    ],
  }),
  registration_cancelled: (p) => ({
    subject: `Регистрация отменена: ${p.meeting.title}`,
    paragraphs: [
      `Ваша регистрация на мероприятие «${p.meeting.title}» (${p.meeting.dates}) отменена.`,
    ],
    action: { label: 'Страница мероприятия', url: p.meeting.url },
  }),
};

const templates: Record<Locale, Templates> = { en, ru };
const footer: Record<Locale, string> = {
  en: 'Kengash — meetings of the Regional Expert Council',
  ru: 'Kengash — заседания Регионального экспертного совета',
};

export function escapeHtml(s: string): string {
  return s.replace(
    /[&<>"']/g,
    (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`,
  );
}

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

export function renderMail(locale: Locale, params: MailParams): RenderedMail {
  const build = templates[locale][params.kind] as (p: MailParams) => Draft;
  const d = build(params);
  const text = [
    ...d.paragraphs,
    ...(d.action ? [`${d.action.label}: ${d.action.url}`] : []),
    '--',
    footer[locale],
  ].join('\n\n');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:Segoe UI,Arial,sans-serif;color:#1b2733;max-width:560px;margin:0 auto;padding:24px;line-height:1.5">
${d.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${d.action ? `<p><a href="${escapeHtml(d.action.url)}" style="display:inline-block;background:#0b4f6c;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${escapeHtml(d.action.label)}</a></p><p style="font-size:13px;color:#4a5868">${escapeHtml(d.action.url)}</p>` : ''}
<hr style="border:none;border-top:1px solid #d5dde5"><p style="font-size:13px;color:#4a5868">${escapeHtml(footer[locale])}</p>
</body></html>`;
  return { subject: d.subject, text, html };
}
