import type { MeetingView } from '@kengash/core/schemas';
import { apiJson, type Items } from '$lib/api';
import { failLoad } from '$lib/server/load';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, url }) => {
  const result = await apiJson<Items<MeetingView>>(fetch, '/api/meetings');
  if (!result.ok) failLoad(result, url);

  const now = Date.now();
  const meetings = result.data.items;
  const upcoming = meetings
    .filter((m) => Date.parse(m.endsAt) >= now)
    .sort((a, b) => Date.parse(a.startsAt) - Date.parse(b.startsAt));
  const past = meetings
    .filter((m) => Date.parse(m.endsAt) < now)
    .sort((a, b) => Date.parse(b.startsAt) - Date.parse(a.startsAt));
  return { upcoming, past };
};
