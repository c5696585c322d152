import type { SessionView } from '@kengash/core/schemas';
import { apiJson, type Items } from '$lib/api';
import { failLoad } from '$lib/server/load';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const sessions = await apiJson<Items<SessionView>>(
    fetch,
    `/api/meetings/${encodeURIComponent(params.slug)}/sessions`,
  );
  if (!sessions.ok) failLoad(sessions, url);
  return {
    sessions: sessions.data.items.filter((s) => s.kind !== 'break' && s.status !== 'cancelled'),
    now: Date.now(),
  };
};
