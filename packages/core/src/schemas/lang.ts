/**
 * Languages: which one a reader asked for (Accept-Language, one negotiation for the pages,
 * the API and e-mail), and text written in several languages.
 */
import type { LocalizedText } from './values.js';

/** The primary language tags of an Accept-Language header, best first ("ru-RU" → "ru"). */
export function rankLanguages(header: string | null | undefined): string[] {
  if (!header) return [];
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return {
        tag: tag.trim().toLowerCase().split('-')[0] ?? '',
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((r) => /^[a-z]{2,3}$/.test(r.tag) && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  return [...new Set(ranked.map((r) => r.tag))];
}

/** The first of `supported` that the header asks for, else null. */
export function negotiate<T extends string>(
  header: string | null | undefined,
  supported: readonly T[],
): T | null {
  for (const tag of rankLanguages(header))
    if ((supported as readonly string[]).includes(tag)) return tag as T;
  return null;
}

/**
 * The text to show a reader who prefers `wanted` (best first): the first wanted language
 * it is written in, else the content's own first language, else any. `lang` names the
 * language of the text returned, for the page's `lang` attribute.
 */
export function pickText(
  text: LocalizedText | null | undefined,
  wanted: readonly string[],
  contentLanguages: readonly string[] = [],
): { text: string; lang: string } | null {
  if (!text) return null;
  for (const l of [...wanted, ...contentLanguages]) {
    const v = text[l];
    if (v) return { text: v, lang: l };
  }
  for (const [l, v] of Object.entries(text)) if (v) return { text: v, lang: l };
  return null;
}

/**
 * Applies what a client sent for a text field to what is stored: a string is the text in
 * the content's first language; a map sets each language it names (null or "" removes
 * one), leaving the others as they were (JSON merge-patch semantics).
 */
export function mergeText(
  previous: LocalizedText | null | undefined,
  input: string | Record<string, string | null>,
  firstLanguage: string,
): LocalizedText {
  const out: LocalizedText = { ...(previous ?? {}) };
  const changes = typeof input === 'string' ? { [firstLanguage]: input } : input;
  for (const [l, v] of Object.entries(changes)) {
    const t = v?.trim();
    if (t) out[l] = t;
    else delete out[l];
  }
  return out;
}

export const hasText = (t: LocalizedText | null | undefined) =>
  !!t && Object.values(t).some((v) => v.trim().length > 0);
