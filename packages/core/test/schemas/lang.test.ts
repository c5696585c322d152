/** One negotiation of languages and the text people write in several (src/schemas/lang.ts). */
import { describe, expect, it } from 'vitest';
import { mergeText, negotiate, pickText, rankLanguages } from '../../src/schemas/lang.js';

describe('rankLanguages', () => {
  it('orders by quality, keeps the header order among equals, drops regions and repeats', () => {
    expect(rankLanguages('ru-RU,ru;q=0.9,en-US;q=0.8,en;q=0.7')).toEqual(['ru', 'en']);
    expect(rankLanguages('en;q=0.5, kk, uz;q=0.9')).toEqual(['kk', 'uz', 'en']);
    expect(rankLanguages('de, fr')).toEqual(['de', 'fr']);
    expect(rankLanguages('EN-gb')).toEqual(['en']);
  });

  it('leaves out q=0, wildcards, malformed tags and unparseable qualities', () => {
    expect(rankLanguages('en;q=0, ru')).toEqual(['ru']);
    expect(rankLanguages('*, ru;q=0.1')).toEqual(['ru']);
    expect(rankLanguages('english, r, ru')).toEqual(['ru']);
    expect(rankLanguages('ru;q=abc, en')).toEqual(['en']);
  });

  it('is empty without a header', () => {
    expect(rankLanguages(undefined)).toEqual([]);
    expect(rankLanguages(null)).toEqual([]);
    expect(rankLanguages('')).toEqual([]);
  });
});

describe('negotiate', () => {
  const supported = ['en', 'ru'] as const;
  it('takes the best language the header asks for that is supported, else null', () => {
    expect(negotiate('kk, ru;q=0.8, en;q=0.5', supported)).toBe('ru');
    expect(negotiate('en-GB', supported)).toBe('en');
    expect(negotiate('kk, uz', supported)).toBeNull();
    expect(negotiate(undefined, supported)).toBeNull();
  });
});

describe('pickText', () => {
  const text = { en: 'Council', ru: 'Совет', kk: '' };

  it('gives the first wanted language it is written in, and says which', () => {
    expect(pickText(text, ['kk', 'ru', 'en'])).toEqual({ text: 'Совет', lang: 'ru' });
    expect(pickText(text, ['en'])).toEqual({ text: 'Council', lang: 'en' });
  });

  it("falls back to the content's own languages, then to any it has", () => {
    expect(pickText(text, ['de'], ['ru', 'en'])).toEqual({ text: 'Совет', lang: 'ru' });
    expect(pickText({ uz: 'Kengash' }, ['de'], ['en'])).toEqual({ text: 'Kengash', lang: 'uz' });
  });

  it('is null for no text or only empty text', () => {
    expect(pickText(null, ['en'])).toBeNull();
    expect(pickText(undefined, ['en'])).toBeNull();
    expect(pickText({ en: '' }, ['en'], ['en'])).toBeNull();
  });
});

describe('mergeText', () => {
  it('takes a string as the text in the first language, keeping the others', () => {
    expect(mergeText({ en: 'Old', ru: 'Старое' }, '  New ', 'en')).toEqual({
      en: 'New',
      ru: 'Старое',
    });
    expect(mergeText(null, 'Совет', 'ru')).toEqual({ ru: 'Совет' });
  });

  it('sets the languages a map names and removes those mapped to null or ""', () => {
    expect(
      mergeText(
        { en: 'Council', ru: 'Совет', kk: 'Кеңес' },
        { ru: ' Новый ', kk: null, uz: '' },
        'en',
      ),
    ).toEqual({ en: 'Council', ru: 'Новый' });
    expect(mergeText({ en: 'Council' }, { en: '   ' }, 'en')).toEqual({});
  });

  it('does not change the text it was given', () => {
    const previous = { en: 'Council' };
    mergeText(previous, { ru: 'Совет' }, 'en');
    expect(previous).toEqual({ en: 'Council' });
  });
});
