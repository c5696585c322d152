import { redirect } from '@sveltejs/kit';
import type { AgendaVersionView, SessionView } from '@kengash/core/schemas';
import { apiJson, type Items } from '$lib/api';
import { text } from '$lib/forms';
import { apiFailure } from '$lib/server/actions';
import { failLoad, loadMeeting } from '$lib/server/load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const base = `/api/meetings/${encodeURIComponent(params.slug)}`;
  const [sessions, versions] = await Promise.all([
    apiJson<Items<SessionView>>(fetch, `${base}/sessions`),
    apiJson<Items<AgendaVersionView>>(fetch, `${base}/agenda/versions`),
  ]);
  if (!sessions.ok) failLoad(sessions, url);
  return {
    sessions: sessions.data.items,
    versions: versions.ok ? versions.data.items : [],
    saved: url.searchParams.get('saved'),
  };
};

export const actions: Actions = {
  /** Publishes the agenda as it stands, under a name in the meeting's languages. */
  publish: async (event) => {
    const meeting = await loadMeeting(event.fetch, event.params.slug, event.url);
    const form = await event.request.formData();
    const values: Record<string, string> = {};
    const name: Record<string, string> = {};
    for (const lang of meeting.languages) {
      values[`name_${lang}`] = text(form, `name_${lang}`);
      const v = values[`name_${lang}`]!.trim().slice(0, 200);
      if (v) name[lang] = v;
    }
    const result = await apiJson<AgendaVersionView>(
      event.fetch,
      `/api/meetings/${encodeURIComponent(event.params.slug)}/agenda/versions`,
      { method: 'POST', body: Object.keys(name).length > 0 ? { name } : {} },
    );
    if (!result.ok) return apiFailure(result, event, { action: 'publish', values });
    redirect(303, `${event.url.pathname}?saved=published#versions`);
  },
};
