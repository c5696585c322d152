import { fail, redirect } from '@sveltejs/kit';
import { apiJson, problemMessage } from '$lib/api';
import { safeNext, text } from '$lib/forms';
import { translator } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

/**
 * Opening the e-mailed link only shows a button: mail scanners fetch links to look at
 * them, and a GET that signed in would spend the single-use token before the person
 * ever clicked. The POST from the button signs in.
 */
export const load: PageServerLoad = ({ url, setHeaders }) => {
  // The token is in this page's address: its styles and scripts, and whatever the page
  // leads to, are told the origin only (the meta tag comes too late for the first ones).
  setHeaders({ 'referrer-policy': 'strict-origin' });
  return {
    token: url.searchParams.get('token') ?? '',
    next: safeNext(url.searchParams.get('next'), ''),
  };
};

export const actions: Actions = {
  default: async ({ request, fetch, locals }) => {
    const t = translator(locals.locale);
    const form = await request.formData();
    const token = text(form, 'token').trim();
    const next = safeNext(text(form, 'next'), '');
    const again = (status: number, message: string) =>
      fail(status, { invalid: false, message, token, next });

    if (!token) return fail(400, { invalid: true, message: t('verify.missing'), token, next });

    const result = await apiJson<{ next?: string | null }>(fetch, '/api/auth/verify', {
      method: 'POST',
      body: { token },
    });
    if (!result.ok) {
      if (result.status === 400 || result.status === 404) {
        return fail(400, { invalid: true, message: t('verify.invalid'), token: '', next });
      }
      if (result.status === 429) return again(429, t('common.tooMany'));
      if (result.status >= 500) return again(503, t('common.unavailable'));
      return again(result.status, problemMessage(result.problem));
    }
    // The session cookie came with the answer; handleFetch has passed it to the browser.
    // Where to go: the link's own `next`, else the one remembered with the token.
    redirect(303, safeNext(next || result.data?.next));
  },
};
