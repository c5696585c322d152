import { error } from '@sveltejs/kit';
import type { DevMailView } from '@kengash/core/schemas';
import { apiJson, type Items } from '$lib/api';
import { failLoad } from '$lib/server/load';
import type { PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, url, depends }) => {
  depends('app:mailbox');
  const result = await apiJson<Items<DevMailView>>(fetch, '/api/dev/mailbox');
  // The API has no mailbox in production: then this page does not exist either.
  if (!result.ok && result.status === 404) error(404, 'Not found');
  if (!result.ok) failLoad(result, url);
  const items = [...result.data.items].sort(
    (a, b) => Date.parse(b.createdAt) - Date.parse(a.createdAt),
  );
  return { items };
};
