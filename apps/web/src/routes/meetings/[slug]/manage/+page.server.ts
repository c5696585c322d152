import type { RegistrationStatsView } from '@kengash/core/schemas';
import { apiJson } from '$lib/api';
import { failLoad } from '$lib/server/load';
import type { PageServerLoad } from './$types';

/** The overview: the counts, nothing per delegate. */
export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const stats = await apiJson<RegistrationStatsView>(
    fetch,
    `/api/meetings/${encodeURIComponent(params.slug)}/registrations/stats`,
  );
  if (!stats.ok) failLoad(stats, url);
  return { stats: stats.data };
};
