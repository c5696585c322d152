import { redirect } from '@sveltejs/kit';
import { apiJson } from '$lib/api';
import { SESSION_COOKIE } from '$lib/server/config';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = ({ locals }) => {
  if (!locals.user) redirect(303, '/');
};

export const actions: Actions = {
  default: async ({ fetch, cookies }) => {
    // The API answers with a Set-Cookie that clears the session; handleFetch passes it on.
    // Signed out already (401) is as good as signed out now.
    await apiJson(fetch, '/api/auth/logout', { method: 'POST' });
    // Should the API not have cleared it, a dead cookie would cost a /api/me call a page.
    cookies.delete(SESSION_COOKIE, { path: '/' });
    redirect(303, '/');
  },
};
