import type { Locale } from '../../schemas/values.js';

/** A meeting as e-mails name it, already in the recipient's language. */
export interface MeetingRef {
  title: string;
  city: string;
  dates: string;
  url: string;
}

/** What a template gives: the renderer makes the plain-text and HTML bodies from it. */
export interface Draft {
  subject: string;
  /** "Dear …," when the recipient's name is known. */
  greeting?: string | undefined;
  paragraphs: string[];
  action?: { label: string; url: string };
}

/** One kind of e-mail in every language of the interface. */
export type Template<P> = Record<Locale, (p: P) => Draft>;

export const greet = {
  en: (name: string | null | undefined) => (name ? `Dear ${name},` : undefined),
  ru: (name: string | null | undefined) => (name ? `Уважаемый(-ая) ${name}!` : undefined),
};
