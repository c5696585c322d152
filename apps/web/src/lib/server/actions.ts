/**
 * What the console's form actions share: one answer shape a page reads simply, and a
 * failed API call turned into that answer (401 → sign in, 403 → error page, 400 → field
 * errors, 409 → the API's own message, which says what is in the way).
 */
import { error, fail, redirect, type RequestEvent } from '@sveltejs/kit';
import { problemFieldErrors, problemMessage, type ApiResult } from '$lib/api';
import type { FieldErrors, FormValues } from '$lib/forms';
import { translator } from '$lib/i18n';
import { signInUrl } from './load';

export interface ActionAnswer<A extends string = string> {
  /** Which form on the page answered, so that only it shows the errors. */
  action: A;
  errors: FieldErrors;
  values: FormValues;
  /** A message for the whole form. */
  message?: string;
  /** The thing the action was about (a registration id, a working group id). */
  target?: string;
}

export function answer<A extends string>(
  status: number,
  data: { action: A } & Partial<ActionAnswer<A>>,
) {
  return fail(status, { errors: {}, values: {}, ...data } as ActionAnswer<A>);
}

export function apiFailure<A extends string>(
  result: ApiResult<unknown> & { ok: false },
  event: Pick<RequestEvent, 'locals' | 'url'>,
  data: { action: A } & Partial<ActionAnswer<A>>,
  fields: readonly string[] = [],
) {
  const t = translator(event.locals.locale);
  if (result.status === 401) redirect(303, signInUrl(event.url));
  if (result.status === 403) error(403, problemMessage(result.problem));
  if (result.status === 400 && fields.length > 0) {
    const errors = problemFieldErrors(result.problem, fields);
    return answer(400, { ...data, errors, message: errors[''] });
  }
  if (result.status === 429) return answer(429, { ...data, message: t('common.tooMany') });
  if (result.status >= 500) return answer(503, { ...data, message: t('common.unavailable') });
  return answer(result.status, { ...data, message: problemMessage(result.problem) });
}

/** This page's address with some query parameters changed (null removes one). */
export function here(url: URL, changes: Record<string, string | null> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of url.searchParams) {
    if (!key.startsWith('/') && !(key in changes)) params.append(key, value);
  }
  for (const [key, value] of Object.entries(changes)) if (value !== null) params.set(key, value);
  const search = params.toString();
  return `${url.pathname}${search ? `?${search}` : ''}`;
}
