import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import {
  speakerRoles,
  speakersInput,
  type SessionView,
  type WorkingGroupView,
} from '@kengash/core/schemas';
import { apiJson, type Items } from '$lib/api';
import { checked, issuesToErrors, text, type FieldErrors } from '$lib/forms';
import { translator } from '$lib/i18n';
import { sessionLanguagesOf } from '$lib/session-form';
import { answer, apiFailure } from '$lib/server/actions';
import { failLoad, loadMeeting } from '$lib/server/load';
import {
  localizeRoomConflict,
  problemToSessionErrors,
  readSessionForm,
  sessionFormErrors,
} from '$lib/server/session-form';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async ({ fetch, params, url, locals }) => {
  if (!UUID.test(params.id)) error(404, translator(locals.locale)('errorPage.404'));
  const base = `/api/meetings/${encodeURIComponent(params.slug)}`;
  const [session, groups, sessions] = await Promise.all([
    apiJson<SessionView>(fetch, `/api/sessions/${params.id}`),
    apiJson<Items<WorkingGroupView>>(fetch, `${base}/working-groups`),
    apiJson<Items<SessionView>>(fetch, `${base}/sessions`),
  ]);
  if (!session.ok) failLoad(session, url);
  if (session.data.meetingSlug !== params.slug)
    error(404, translator(locals.locale)('errorPage.404'));
  return {
    session: session.data,
    workingGroups: groups.ok ? groups.data.items : [],
    sessions: sessions.ok ? sessions.data.items : [],
    roles: [...speakerRoles],
    saved: url.searchParams.get('saved'),
  };
};

type Event = RequestEvent<{ slug: string; id: string }>;
const back = (event: Event, saved: string, hash = '') =>
  redirect(303, `${event.url.pathname}?saved=${saved}${hash}`);

export const actions: Actions = {
  save: async (event) => {
    const t = translator(event.locals.locale);
    const meeting = await loadMeeting(event.fetch, event.params.slug, event.url);
    const current = await apiJson<SessionView>(event.fetch, `/api/sessions/${event.params.id}`);
    if (!current.ok) failLoad(current, event.url);
    const languages = sessionLanguagesOf(meeting, current.data);
    const form = await event.request.formData();
    const { values, body } = readSessionForm(form, languages, meeting.timezone);
    const errors = sessionFormErrors('update', body, values, languages, t);
    if (errors) return answer(400, { action: 'session', values, errors });
    // A language whose title was emptied is removed from the translations.
    const title: Record<string, string | null> = { ...body.title };
    for (const lang of languages) if (!(lang in title)) title[lang] = null;
    const result = await apiJson<SessionView>(event.fetch, `/api/sessions/${event.params.id}`, {
      method: 'PATCH',
      body: { ...body, title },
    });
    if (!result.ok) {
      if (result.status === 401 || result.status === 403 || result.status >= 429)
        return apiFailure(result, event, { action: 'session', values });
      return answer(result.status, {
        action: 'session',
        values,
        errors: await localizeRoomConflict(
          problemToSessionErrors(result.problem, result.status, languages[0] ?? 'en'),
          result.problem,
          event.fetch,
          t,
          event.locals.locale,
          meeting.timezone,
        ),
      });
    }
    back(event, 'saved');
  },
  cancel: async (event) => {
    const result = await apiJson(event.fetch, `/api/sessions/${event.params.id}/cancel`, {
      method: 'POST',
    });
    if (!result.ok) return apiFailure(result, event, { action: 'cancel' });
    back(event, 'cancelled');
  },
  speakers: async (event) => {
    const t = translator(event.locals.locale);
    const form = await event.request.formData();
    const rows = Number(text(form, 'rows')) || 0;
    const values: Record<string, string> = {};
    const list: { order: number; index: number; speaker: Record<string, unknown> }[] = [];
    for (let i = 0; i < Math.min(rows, 120); i++) {
      for (const f of ['name', 'role', 'organization', 'title', 'minutes', 'order'])
        values[`${f}_${i}`] = text(form, `${f}_${i}`);
      const name = values[`name_${i}`]!.trim();
      if (!name || checked(form, `remove_${i}`)) continue;
      const minutes = values[`minutes_${i}`]!.trim();
      list.push({
        order: Number(values[`order_${i}`]) || i + 1,
        index: i,
        speaker: {
          name,
          role: values[`role_${i}`],
          organization: values[`organization_${i}`]!.trim() || null,
          title: values[`title_${i}`]!.trim() || null,
          ...(minutes ? { minutes: /^\d+$/.test(minutes) ? Number(minutes) : minutes } : {}),
        },
      });
    }
    list.sort((a, b) => a.order - b.order || a.index - b.index);
    const body = list.map((l) => l.speaker);
    const parsed = speakersInput.safeParse(body);
    if (!parsed.success) {
      // Issues name the place in the sorted list: point them at the row as typed.
      const errors: FieldErrors = issuesToErrors(
        parsed.error.issues.map((i) => ({
          ...i,
          path: [`${String(i.path[1] ?? 'name')}_${list[Number(i.path[0])]?.index ?? 0}`],
        })),
        values,
        t,
        Object.fromEntries(list.map((l) => [`role_${l.index}`, 'errors.choose'])),
      );
      return answer(400, { action: 'speakers', values, errors });
    }
    const result = await apiJson(event.fetch, `/api/sessions/${event.params.id}/speakers`, {
      method: 'PUT',
      body: parsed.data,
    });
    if (!result.ok) return apiFailure(result, event, { action: 'speakers', values });
    back(event, 'speakers', '#speakers-heading');
  },
};
