import type { WorkingGroupView } from '@kengash/core/schemas';
import { apiJson, type Items } from '$lib/api';
import { loadMeeting } from '$lib/server/load';
import type { PageServerLoad } from './$types';

/**
 * The agenda's sessions. The API serves no agenda yet (a later capability); until its view
 * schema exists the page reads only these fields, and shows "not published" without them.
 */
interface AgendaSession {
  id: string;
  title: string;
  kind: string;
  startsAt: string;
  endsAt: string;
  room?: string | null;
  status: string;
}

export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const base = `/api/meetings/${encodeURIComponent(params.slug)}`;
  const [meeting, groups, sessions] = await Promise.all([
    loadMeeting(fetch, params.slug, url),
    apiJson<Items<WorkingGroupView>>(fetch, `${base}/working-groups`),
    apiJson<Items<AgendaSession>>(fetch, `${base}/sessions`),
  ]);

  return {
    meeting,
    workingGroups: groups.ok ? groups.data.items : [],
    sessions: sessions.ok && Array.isArray(sessions.data?.items) ? sessions.data.items : null,
    now: Date.now(),
  };
};
