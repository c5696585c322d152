/**
 * Translations. One i18next instance holds every language; nothing ever changes its
 * "current" language, so concurrent server requests cannot leak a language into each
 * other. A request's language travels as `locale` (locals → layout data → context).
 *
 * Translations live in one folder a language (`en/`, `ru/`), one file an area
 * (`common.json`, `meetings.json`, …); each file holds that area's top-level keys, so a key
 * reads `meeting.register` whichever file it is in. To add a language: copy `en/` to
 * `uz/`, translate, and add `'uz'` to `locales` in @kengash/core/schemas.
 */
import i18next, { type TOptions } from 'i18next';
import { getContext, setContext } from 'svelte';

// Zod-free entries: this module runs in the browser too.
import { negotiate } from '@kengash/core/schemas/lang';
import { defaultLocale, isLocale, locales, type Locale } from '@kengash/core/schemas/values';

export { defaultLocale, isLocale, locales, type Locale };

type Resource = Record<string, unknown>;
const files = import.meta.glob<Resource>('./*/*.json', { eager: true, import: 'default' });

/** Every area file of a language, merged: their top-level keys never overlap. */
function resourceOf(locale: Locale): Resource {
  const resource: Resource = {};
  for (const [path, content] of Object.entries(files)) {
    if (!path.startsWith(`./${locale}/`)) continue;
    for (const key of Object.keys(content))
      if (key in resource) throw new Error(`Translation key ${key} is defined twice (${path})`);
    Object.assign(resource, content);
  }
  if (Object.keys(resource).length === 0)
    throw new Error(`Missing translations in src/lib/i18n/${locale}/`);
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
  return negotiate(header, locales);
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
