import { greet, type Template } from './types.js';

export interface MagicLinkParams {
  kind: 'magic_link';
  url: string;
  minutes: number;
  name?: string | null;
}

export const magicLink: Template<MagicLinkParams> = {
  en: (p) => ({
    subject: 'Your Kengash sign-in link',
    greeting: greet.en(p.name),
    paragraphs: [
      `Open the link below to sign in to Kengash. It works once and expires in ${p.minutes} minutes.`,
      'If you did not ask for it, ignore this e-mail: nobody can sign in without the link.',
    ],
    action: { label: 'Sign in', url: p.url },
  }),
  ru: (p) => ({
    subject: 'Ссылка для входа в Kengash',
    greeting: greet.ru(p.name),
    paragraphs: [
      `Откройте ссылку ниже, чтобы войти в Kengash. Она действует один раз и истекает через ${p.minutes} минут.`,
      'Если вы не запрашивали вход, просто проигнорируйте это письмо: без ссылки никто не сможет войти.',
    ],
    action: { label: 'Войти', url: p.url },
  }),
};
