import { redirect } from '@sveltejs/kit';
import {
  registrationStatuses,
  type CheckInView,
  type RegistrationListView,
  type RegistrationStatsView,
  type RegistrationView,
} from '@kengash/core/schemas';
import { apiJson } from '$lib/api';
import { text } from '$lib/forms';
import { answer, apiFailure, here } from '$lib/server/actions';
import { failLoad } from '$lib/server/load';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

/** Rows a page: a meeting of 300 delegates is twelve short pages, not one long one. */
const PAGE_SIZE = 25;

export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const base = `/api/meetings/${encodeURIComponent(params.slug)}`;
  const statusParam = url.searchParams.get('status') ?? '';
  const countryParam = (url.searchParams.get('country') ?? '').toUpperCase();
  const filter = {
    status: (registrationStatuses as readonly string[]).includes(statusParam) ? statusParam : '',
    country: /^[A-Z]{2}$/.test(countryParam) ? countryParam : '',
    q: (url.searchParams.get('q') ?? '').trim().slice(0, 200),
  };
  const requested = Number(url.searchParams.get('page') ?? '1');
  const pageNumber = Number.isInteger(requested) && requested > 0 ? requested : 1;
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ''));
  query.set('limit', String(PAGE_SIZE));
  query.set('offset', String((pageNumber - 1) * PAGE_SIZE));

  const [list, stats] = await Promise.all([
    apiJson<RegistrationListView>(fetch, `${base}/registrations?${query}`),
    // For the country filter: the countries that have registrations.
    apiJson<RegistrationStatsView>(fetch, `${base}/registrations/stats`),
  ]);
  if (!list.ok) failLoad(list, url);
  const pages = Math.max(1, Math.ceil(list.data.total / PAGE_SIZE));
  if (pageNumber > pages) redirect(303, here(url, { page: pages > 1 ? String(pages) : null }));

  return {
    filter,
    registrations: list.data.items,
    total: list.data.total,
    page: pageNumber,
    pages,
    pageSize: PAGE_SIZE,
    countries: stats.ok ? stats.data.byCountry.map((c) => c.country) : [],
    updated: url.searchParams.get('updated') ?? '',
  };
};

type Verb = 'approve' | 'decline' | 'cancel';

async function transition(event: RequestEvent, verb: Verb) {
  const form = await event.request.formData();
  const id = text(form, 'id');
  if (!id) return answer(400, { action: verb, message: 'Missing registration id' });
  const result = await apiJson<RegistrationView>(
    event.fetch,
    `/api/registrations/${encodeURIComponent(id)}/${verb}`,
    { method: 'POST' },
  );
  if (!result.ok) return apiFailure(result, event, { action: verb, target: id });
  redirect(303, here(event.url, { updated: id }));
}

export const actions: Actions = {
  approve: (event) => transition(event, 'approve'),
  decline: (event) => transition(event, 'decline'),
  cancel: (event) => transition(event, 'cancel'),
  /** The row's own check-in button: the same as the desk's, by the registration's code. */
  checkIn: async (event) => {
    const form = await event.request.formData();
    const id = text(form, 'id');
    const result = await apiJson<CheckInView>(
      event.fetch,
      `/api/meetings/${encodeURIComponent(event.params.slug)}/check-in`,
      { method: 'POST', body: { code: text(form, 'code') } },
    );
    if (!result.ok) return apiFailure(result, event, { action: 'checkIn', target: id });
    redirect(303, here(event.url, { updated: id }));
  },
};
