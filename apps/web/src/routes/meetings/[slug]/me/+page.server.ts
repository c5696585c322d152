import { fail, redirect } from '@sveltejs/kit';
import { apiJson, problemMessage } from '$lib/api';
import { checked, text } from '$lib/forms';
import { translator } from '$lib/i18n';
import { failLoad, loadMeeting, requireUser, signInUrl } from '$lib/server/load';
import type { MyRegistrationView, RegistrationView } from '@kengash/core/schemas';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, url, locals }) => {
  requireUser(locals, url);
  const [meeting, mine] = await Promise.all([
    loadMeeting(fetch, params.slug, url),
    apiJson<MyRegistrationView>(
      fetch,
      `/api/meetings/${encodeURIComponent(params.slug)}/registrations/me`,
    ),
  ]);
  if (!mine.ok && mine.status !== 404) failLoad(mine, url);
  return {
    meeting,
    registration: mine.ok ? mine.data : null,
    cancelled: url.searchParams.get('cancelled') === '1',
  };
};

export const actions: Actions = {
  cancel: async ({ request, fetch, params, locals, url }) => {
    if (!locals.user) redirect(303, signInUrl(url));
    const t = translator(locals.locale);
    const form = await request.formData();
    const id = text(form, 'id');
    if (!checked(form, 'confirm')) {
      return fail(400, { errors: { confirm: t('me.confirmRequired') }, formError: '' });
    }
    const result = await apiJson<RegistrationView>(
      fetch,
      `/api/registrations/${encodeURIComponent(id)}/cancel`,
      { method: 'POST' },
    );
    if (!result.ok) {
      if (result.status === 401) redirect(303, signInUrl(url));
      return fail(result.status === 409 ? 409 : 400, {
        errors: {},
        formError: result.status >= 500 ? t('common.unavailable') : problemMessage(result.problem),
      });
    }
    redirect(303, `/meetings/${params.slug}/me?cancelled=1`);
  },
};
