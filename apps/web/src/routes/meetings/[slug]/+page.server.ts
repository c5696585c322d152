import { redirect } from '@sveltejs/kit';
import type { AgendaVersionView, SessionView, WorkingGroupView } from '@kengash/core/schemas';
import { sessionKinds } from '@kengash/core/schemas/values';
import { apiJson, type Items } from '$lib/api';
import { text } from '$lib/forms';
import { apiFailure, here } from '$lib/server/actions';
import { loadMeeting } from '$lib/server/load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, url, locals }) => {
  const base = `/api/meetings/${encodeURIComponent(params.slug)}`;
  const [meeting, groups, sessions, versions, feed] = await Promise.all([
    loadMeeting(fetch, params.slug, url),
    apiJson<Items<WorkingGroupView>>(fetch, `${base}/working-groups`),
    apiJson<Items<SessionView>>(fetch, `${base}/sessions`),
    apiJson<Items<AgendaVersionView>>(fetch, `${base}/agenda/versions`),
    // The private feed's address stays the same until she asks for a new one, so it is
    // simply shown to a signed-in reader.
    locals.user ? apiJson<{ url: string }>(fetch, '/api/me/calendar-feed') : null,
  ]);

  const all = sessions.ok && Array.isArray(sessions.data?.items) ? sessions.data.items : null;
  // The filter: unknown values are ignored rather than answered with an empty agenda.
  const kindParam = url.searchParams.get('kind') ?? '';
  const kind = (sessionKinds as readonly string[]).includes(kindParam) ? kindParam : '';
  const groupList = groups.ok ? groups.data.items : [];
  const groupParam = url.searchParams.get('workingGroup') ?? '';
  const workingGroup = groupList.some((g) => g.code === groupParam) ? groupParam : '';
  const shown = all?.filter(
    (s) => (!kind || s.kind === kind) && (!workingGroup || s.workingGroupCode === workingGroup),
  );

  return {
    meeting,
    workingGroups: groupList,
    sessions: shown ?? null,
    total: all?.length ?? 0,
    kinds: all ? [...new Set(all.map((s) => s.kind))] : [],
    filter: { kind, workingGroup },
    versions: versions.ok ? versions.data.items : [],
    feedUrl: feed?.ok && typeof feed.data.url === 'string' ? feed.data.url : null,
    now: Date.now(),
  };
};

export const actions: Actions = {
  /**
   * A new address for the delegate's private calendar feed (the page warns first): the
   * one before answers 404 from now on. The page's load then shows the new one.
   */
  rotateFeed: async (event) => {
    const result = await apiJson<{ url: string }>(event.fetch, '/api/me/calendar-feed/rotate', {
      method: 'POST',
    });
    if (!result.ok) return apiFailure(result, event, { action: 'rotateFeed' });
    return { action: 'rotateFeed' as const, feedUrl: result.data.url };
  },
  /** Bookmark a session (bookmarked=1) or take the bookmark off (bookmarked=0). */
  bookmark: async (event) => {
    const form = await event.request.formData();
    const sessionId = text(form, 'sessionId');
    const on = text(form, 'bookmarked') !== '0';
    if (!/^[0-9a-f-]{36}$/i.test(sessionId)) redirect(303, here(event.url));
    const result = await apiJson(
      event.fetch,
      `/api/sessions/${encodeURIComponent(sessionId)}/bookmark`,
      { method: on ? 'PUT' : 'DELETE' },
    );
    if (!result.ok) return apiFailure(result, event, { action: 'bookmark', target: sessionId });
    redirect(303, `${here(event.url)}#s-${sessionId}`);
  },
};
