import { redirect } from '@sveltejs/kit';
import type { SessionView, WorkingGroupView } from '@kengash/core/schemas';
import { apiJson, type Items } from '$lib/api';
import { translator } from '$lib/i18n';
import { sessionLanguagesOf } from '$lib/session-form';
import { answer, apiFailure } from '$lib/server/actions';
import { loadMeeting } from '$lib/server/load';
import {
  localizeRoomConflict,
  problemToSessionErrors,
  readSessionForm,
  sessionFormErrors,
} from '$lib/server/session-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params }) => {
  const base = `/api/meetings/${encodeURIComponent(params.slug)}`;
  const [groups, sessions] = await Promise.all([
    apiJson<Items<WorkingGroupView>>(fetch, `${base}/working-groups`),
    apiJson<Items<SessionView>>(fetch, `${base}/sessions`),
  ]);
  return {
    workingGroups: groups.ok ? groups.data.items : [],
    sessions: sessions.ok ? sessions.data.items : [],
  };
};

export const actions: Actions = {
  default: async (event) => {
    const t = translator(event.locals.locale);
    const meeting = await loadMeeting(event.fetch, event.params.slug, event.url);
    const languages = sessionLanguagesOf(meeting, null);
    const form = await event.request.formData();
    const { values, body } = readSessionForm(form, languages, meeting.timezone);
    const errors = sessionFormErrors('create', body, values, languages, t);
    if (errors) return answer(400, { action: 'session', values, errors });
    const result = await apiJson<SessionView>(
      event.fetch,
      `/api/meetings/${encodeURIComponent(event.params.slug)}/sessions`,
      { method: 'POST', body },
    );
    if (!result.ok) {
      if (result.status === 401 || result.status === 403 || result.status >= 429)
        return apiFailure(result, event, { action: 'session', values });
      const apiErrors = await localizeRoomConflict(
        problemToSessionErrors(result.problem, result.status, languages[0] ?? 'en'),
        result.problem,
        event.fetch,
        t,
        event.locals.locale,
        meeting.timezone,
      );
      return answer(result.status, { action: 'session', values, errors: apiErrors });
    }
    redirect(303, `/meetings/${meeting.slug}/manage/agenda/${result.data.id}?saved=created`);
  },
};
