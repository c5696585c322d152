import { fail, redirect } from '@sveltejs/kit';
import { magicLinkRequest } from '@kengash/core/schemas';
import { apiJson, problemFieldErrors, problemMessage } from '$lib/api';
import { issuesToErrors, safeNext, text, type FormFailure } from '$lib/forms';
import { translator } from '$lib/i18n';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ url }) => {
  const next = url.searchParams.get('next');
  return {
    next: next ? safeNext(next, '') : '',
    sent: url.searchParams.get('sent') === '1',
  };
};

export const actions: Actions = {
  default: async ({ request, fetch, locals }) => {
    const t = translator(locals.locale);
    const form = await request.formData();
    const values = { email: text(form, 'email'), next: safeNext(text(form, 'next'), '') };
    const fail400 = (data: Partial<FormFailure>, status = 400) => {
      const body: FormFailure = { errors: {}, values, ...data };
      return fail(status, body);
    };

    const parsed = magicLinkRequest.safeParse({
      email: values.email,
      language: locals.locale,
      next: values.next || undefined,
    });
    if (!parsed.success) {
      return fail400({ errors: issuesToErrors(parsed.error.issues, values, t) });
    }

    const result = await apiJson(fetch, '/api/auth/magic-link', {
      method: 'POST',
      body: parsed.data,
    });
    if (!result.ok) {
      if (result.status === 429) return fail400({ formError: t('common.tooMany') }, 429);
      if (result.status === 400) {
        return fail400({ errors: problemFieldErrors(result.problem, ['email']) });
      }
      if (result.status >= 500) return fail400({ formError: t('common.unavailable') }, 503);
      return fail400({ formError: problemMessage(result.problem) }, result.status);
    }

    const query = new URLSearchParams({ sent: '1' });
    if (values.next) query.set('next', values.next);
    redirect(303, `/signin?${query}`);
  },
};
