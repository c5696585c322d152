import { loadMeeting } from '$lib/server/load';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const meeting = await loadMeeting(fetch, params.slug, url);
  const position = Number(url.searchParams.get('position'));
  return {
    meeting,
    status: url.searchParams.get('status') ?? '',
    position: Number.isInteger(position) && position > 0 ? position : null,
  };
};
