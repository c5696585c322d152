import { error, redirect } from '@sveltejs/kit';
import { isLocale } from '$lib/i18n';
import { safeNext } from '$lib/forms';
import { LANG_COOKIE } from '$lib/server/config';
import type { RequestHandler } from './$types';

/** Plain links switch the language: remember it for a year, then go back. */
export const GET: RequestHandler = ({ params, url, cookies }) => {
  if (!isLocale(params.locale)) error(404, 'Unknown language');
  cookies.set(LANG_COOKIE, params.locale, {
    path: '/',
    maxAge: 60 * 60 * 24 * 365,
    sameSite: 'lax',
    httpOnly: false,
    secure: url.protocol === 'https:',
  });
  redirect(303, safeNext(url.searchParams.get('next')));
};
