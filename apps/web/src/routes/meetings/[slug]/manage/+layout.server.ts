import { error } from '@sveltejs/kit';
import { translator } from '$lib/i18n';
import { loadMeeting, requireUser } from '$lib/server/load';
import type { LayoutServerLoad } from './$types';

/** Every console page: the meeting, for its organizers only (the API says who they are). */
export const load: LayoutServerLoad = async ({ fetch, params, url, locals }) => {
  requireUser(locals, url);
  const meeting = await loadMeeting(fetch, params.slug, url);
  if (!meeting.allowedActions.includes('manage'))
    error(403, translator(locals.locale)('manage.notOrganizer'));
  return { meeting };
};
