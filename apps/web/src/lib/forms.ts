/**
 * Helpers for form actions: read FormData, turn zod issues and API problems into
 * `{field: message}` in the reader's language, keep redirects on this site.
 */
import { nextPath } from '@kengash/core/schemas';
import type { Translate } from './i18n';

export type FieldErrors = Record<string, string>;
export type FormValues = Record<string, string | boolean | string[]>;

/** The data a failed form action hands back to its page. */
export interface FormFailure {
  errors: FieldErrors;
  values: FormValues;
  /** A message that belongs to no single field, shown at the top of the form. */
  formError?: string;
}

/** What a zod 4 issue looks like, as far as these helpers care. */
export interface Issue {
  code: string;
  path: PropertyKey[];
  message: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  format?: string;
}

/** A FormData text field, '' when absent. */
export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** A FormData text field, undefined when blank. */
export function optionalText(form: FormData, name: string): string | undefined {
  const value = text(form, name).trim();
  return value === '' ? undefined : value;
}

/** A checkbox: true when ticked. */
export function checked(form: FormData, name: string): boolean {
  const value = form.get(name);
  return value !== null && value !== '' && value !== 'false';
}

/**
 * Translate zod issues field by field (first issue of a field wins). An empty field reads
 * "required"; `messages` names a translation key for a field whose every issue has one
 * meaning (a country select, a consent box).
 */
export function issuesToErrors(
  issues: readonly Issue[],
  values: FormValues,
  t: Translate,
  messages: Record<string, string> = {},
): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = issue.path.map(String).join('.') || '';
    if (field in errors) continue;
    const own = messages[field];
    const value = values[field];
    if (own) errors[field] = t(own);
    else if (value === '' || value === undefined) errors[field] = t('errors.required');
    else errors[field] = issueMessage(issue, t);
  }
  return errors;
}

function issueMessage(issue: Issue, t: Translate): string {
  switch (issue.code) {
    case 'too_small':
      return Number(issue.minimum) <= 1
        ? t('errors.required')
        : t('errors.tooShort', { min: Number(issue.minimum) });
    case 'too_big':
      return t('errors.tooLong', { max: Number(issue.maximum) });
    case 'invalid_format':
      return issue.format === 'email' ? t('errors.email') : t('errors.invalid');
    case 'invalid_value':
      return t('errors.choose');
    default:
      return t('errors.invalid');
  }
}

/**
 * A redirect target from a query or form value: a path on this site, else the fallback.
 * The rule is the API's own (`nextPath`), so a `next` the web accepts the API accepts too.
 */
export function safeNext(next: string | null | undefined, fallback = '/'): string {
  if (!next) return fallback;
  return nextPath.safeParse(next).success ? next : fallback;
}
