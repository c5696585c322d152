/**
 * Translations. One i18next instance holds every language; nothing ever changes its
 * "current" language, so concurrent server requests cannot leak a language into each
 * other. A request's language travels as `locale` (locals → layout data → context).
 *
 * To add a language: put `uz.json` next to this file and add `'uz'` to `locales`.
 */
import i18next, { type TOptions } from 'i18next';
import { getContext, setContext } from 'svelte';

export const locales = ['en', 'ru'] as const;
export type Locale = (typeof locales)[number];
export const defaultLocale: Locale = 'en';

type Resource = Record<string, unknown>;
const files = import.meta.glob<Resource>('./*.json', { eager: true, import: 'default' });

function resourceOf(locale: Locale): Resource {
  const resource = files[`./${locale}.json`];
  if (!resource) throw new Error(`Missing translation file src/lib/i18n/${locale}.json`);
  return resource;
}

const i18n = i18next.createInstance();
void i18n.init({
  resources: Object.fromEntries(locales.map((l) => [l, { translation: resourceOf(l) }])),
  supportedLngs: [...locales],
  fallbackLng: defaultLocale,
  lng: defaultLocale,
  // Svelte escapes what it prints; escaping here would show &amp; to the reader.
  interpolation: { escapeValue: false },
  initAsync: false,
});

export type Translate = (key: string, options?: Record<string, unknown>) => string;

const translators = new Map<Locale, Translate>(
  locales.map((l) => {
    const fixed = i18n.getFixedT(l);
    return [
      l,
      (key: string, options?: Record<string, unknown>) => String(fixed(key, options as TOptions)),
    ];
  }),
);

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (locales as readonly string[]).includes(value);
}

/** A translate function fixed to one language. */
export function translator(locale: Locale): Translate {
  return translators.get(locale) ?? translators.get(defaultLocale)!;
}

/** The language's own name, e.g. "Русский", for the language switch. */
export function nativeName(locale: Locale): string {
  return translator(locale)('meta.nativeName');
}

/** The first supported language of an Accept-Language header, by quality. */
export function fromAcceptLanguage(header: string | null): Locale | null {
  if (!header) return null;
  const ranked = header
    .split(',')
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
      const quality = q ? Number(q.slice(2)) : 1;
      return {
        tag: tag.trim().toLowerCase(),
        quality: Number.isFinite(quality) ? quality : 0,
        index,
      };
    })
    .filter((r) => r.tag && r.quality > 0)
    .sort((a, b) => b.quality - a.quality || a.index - b.index);
  for (const { tag } of ranked) {
    const primary = tag.split('-')[0];
    if (isLocale(primary)) return primary;
  }
  return null;
}

/** Cookie `lang`, else the browser's Accept-Language, else English. */
export function resolveLocale(cookie: string | undefined, acceptLanguage: string | null): Locale {
  if (isLocale(cookie)) return cookie;
  return fromAcceptLanguage(acceptLanguage) ?? defaultLocale;
}

const CONTEXT = Symbol('kengash.i18n');

/** Called once by the root layout with a getter for the page's locale. */
export function provideLocale(get: () => Locale): void {
  setContext(CONTEXT, get);
}

/**
 * For components: `const i18n = useI18n();` then `i18n.t('key')` and `i18n.locale` in
 * markup. Must be called during component initialisation.
 */
export function useI18n(): { readonly locale: Locale; t: Translate } {
  const get = getContext<(() => Locale) | undefined>(CONTEXT) ?? (() => defaultLocale);
  return {
    get locale() {
      return get();
    },
    t: (key, options) => translator(get())(key, options),
  };
}
