/**
 * Renders an e-mail in the recipient's language: the plain-text and HTML bodies come from
 * one draft, so the two never drift apart.
 */
import type { Locale } from '../schemas/values.js';
import { type Draft, type MailParams, templates } from './templates/index.js';

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
  const build = templates[params.kind][locale] as (p: MailParams) => Draft;
  const d = build(params);
  const paragraphs = [...(d.greeting ? [d.greeting] : []), ...d.paragraphs];
  const text = [
    ...paragraphs,
    ...(d.action ? [`${d.action.label}: ${d.action.url}`] : []),
    '--',
    footer[locale],
  ].join('\n\n');
  const html = `<!doctype html><html lang="${locale}"><body style="font-family:Segoe UI,Arial,sans-serif;color:#1b2733;max-width:560px;margin:0 auto;padding:24px;line-height:1.5">
${paragraphs.map((p) => `<p>${escapeHtml(p).replace(/\n/g, '<br>')}</p>`).join('\n')}
${d.action ? `<p><a href="${escapeHtml(d.action.url)}" style="display:inline-block;background:#0b4f6c;color:#fff;padding:10px 18px;border-radius:4px;text-decoration:none">${escapeHtml(d.action.label)}</a></p><p style="font-size:13px;color:#4a5868">${escapeHtml(d.action.url)}</p>` : ''}
<hr style="border:none;border-top:1px solid #d5dde5"><p style="font-size:13px;color:#4a5868">${escapeHtml(footer[locale])}</p>
</body></html>`;
  return { subject: d.subject, text, html };
}
