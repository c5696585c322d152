import { apiJson } from '$lib/api';
import { isStaff, loadMeeting } from '$lib/server/load';
import type { AgendaSession, Items, WorkingGroup } from '$lib/types';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, url, locals }) => {
  const base = `/api/meetings/${encodeURIComponent(params.slug)}`;
  const [meeting, groups, sessions] = await Promise.all([
    loadMeeting(fetch, params.slug, url),
    apiJson<Items<WorkingGroup>>(fetch, `${base}/working-groups`),
    // The agenda comes in a later stage of the API; until it answers, say so.
    apiJson<Items<AgendaSession>>(fetch, `${base}/sessions`),
  ]);

  return {
    meeting,
    workingGroups: groups.ok ? groups.data.items : [],
    sessions: sessions.ok && Array.isArray(sessions.data?.items) ? sessions.data.items : null,
    staff: isStaff(meeting, locals.user),
  };
};
