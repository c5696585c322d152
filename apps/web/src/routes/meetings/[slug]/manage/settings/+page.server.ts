import { redirect, type RequestEvent } from '@sveltejs/kit';
import {
  workingGroupInput,
  workingGroupUpdate,
  type MeetingView,
  type WorkingGroupView,
} from '@kengash/core/schemas';
import { apiJson, type Items } from '$lib/api';
import { issuesToErrors, text } from '$lib/forms';
import { translator } from '$lib/i18n';
import { textLanguagesOf } from '$lib/meeting-form';
import { answer, apiFailure } from '$lib/server/actions';
import { loadMeeting } from '$lib/server/load';
import {
  meetingFormErrors,
  problemToMeetingErrors,
  readMeetingForm,
} from '$lib/server/meeting-form';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params }) => {
  const groups = await apiJson<Items<WorkingGroupView>>(
    fetch,
    `/api/meetings/${encodeURIComponent(params.slug)}/working-groups`,
  );
  return {
    workingGroups: groups.ok ? groups.data.items : [],
    timeZones: Intl.supportedValuesOf('timeZone'),
  };
};

type Event = RequestEvent<{ slug: string }>;
const api = (event: Event, rest = '') =>
  `/api/meetings/${encodeURIComponent(event.params.slug)}${rest}`;

async function meetingStatus(event: Event, verb: 'publish' | 'close') {
  const result = await apiJson(event.fetch, api(event, `/${verb}`), { method: 'POST' });
  if (!result.ok) return apiFailure(result, event, { action: 'status' });
  redirect(303, `${event.url.pathname}?saved=${verb}`);
}

/** A working group's name in each of the meeting's languages, from fields `name_<lang>`. */
function readGroup(form: FormData, languages: readonly string[]) {
  const values: Record<string, string> = { code: text(form, 'code') };
  const name: Record<string, string> = {};
  for (const lang of languages) {
    values[`name_${lang}`] = text(form, `name_${lang}`);
    name[lang] = values[`name_${lang}`]!.trim();
  }
  return { values, body: { code: values.code!, name }, first: languages[0] ?? 'en' };
}

function groupErrors(
  issues: readonly { code: string; path: PropertyKey[]; message: string }[],
  values: Record<string, string>,
  first: string,
  event: Event,
) {
  const t = translator(event.locals.locale);
  return issuesToErrors(
    issues.map((i) => ({
      ...i,
      path: i.path[0] === 'name' ? [`name_${String(i.path[1] ?? first)}`] : i.path,
    })),
    values,
    t,
    { code: 'errors.wgCode' },
  );
}

export const actions: Actions = {
  save: async (event) => {
    const t = translator(event.locals.locale);
    const meeting = await loadMeeting(event.fetch, event.params.slug, event.url);
    const languages = textLanguagesOf(meeting);
    const form = await event.request.formData();
    const { values, body } = readMeetingForm(form, languages);
    const errors = meetingFormErrors('update', body, values, t);
    if (errors) return answer(400, { action: 'save', values, errors });
    const result = await apiJson<MeetingView>(event.fetch, api(event), {
      method: 'PATCH',
      body,
    });
    if (!result.ok) {
      if (result.status === 400)
        return answer(400, {
          action: 'save',
          values,
          errors: problemToMeetingErrors(result.problem, body.languages[0] ?? 'en'),
        });
      // 409: e.g. a capacity below the confirmed delegates; the API says how many.
      return apiFailure(result, event, { action: 'save', values });
    }
    redirect(303, `${event.url.pathname}?saved=meeting`);
  },
  publish: (event) => meetingStatus(event, 'publish'),
  close: (event) => meetingStatus(event, 'close'),

  addGroup: async (event) => {
    const meeting = await loadMeeting(event.fetch, event.params.slug, event.url);
    const { values, body, first } = readGroup(await event.request.formData(), meeting.languages);
    const parsed = workingGroupInput.safeParse(body);
    if (!parsed.success || !body.name[first])
      return answer(400, {
        action: 'addGroup',
        values,
        errors: {
          ...(!body.name[first]
            ? { [`name_${first}`]: translator(event.locals.locale)('errors.required') }
            : {}),
          ...(parsed.success ? {} : groupErrors(parsed.error.issues, values, first, event)),
        },
      });
    const result = await apiJson(event.fetch, api(event, '/working-groups'), {
      method: 'POST',
      body: parsed.data,
    });
    if (!result.ok)
      return apiFailure(result, event, { action: 'addGroup', values }, ['code', 'name']);
    redirect(303, `${event.url.pathname}?saved=group#working-groups-heading`);
  },

  renameGroup: async (event) => {
    const meeting = await loadMeeting(event.fetch, event.params.slug, event.url);
    const form = await event.request.formData();
    const id = text(form, 'id');
    const { values, body, first } = readGroup(form, meeting.languages);
    const parsed = workingGroupUpdate.safeParse(body);
    if (!parsed.success || !body.name[first])
      return answer(400, {
        action: 'renameGroup',
        target: id,
        values,
        errors: {
          ...(!body.name[first]
            ? { [`name_${first}`]: translator(event.locals.locale)('errors.required') }
            : {}),
          ...(parsed.success ? {} : groupErrors(parsed.error.issues, values, first, event)),
        },
      });
    const result = await apiJson(
      event.fetch,
      api(event, `/working-groups/${encodeURIComponent(id)}`),
      { method: 'PATCH', body: parsed.data },
    );
    if (!result.ok)
      return apiFailure(result, event, { action: 'renameGroup', target: id, values }, ['code']);
    redirect(303, `${event.url.pathname}?saved=group#working-groups-heading`);
  },

  removeGroup: async (event) => {
    const id = text(await event.request.formData(), 'id');
    const result = await apiJson(
      event.fetch,
      api(event, `/working-groups/${encodeURIComponent(id)}`),
      { method: 'DELETE' },
    );
    // 409: something (a session, a recommendation) still refers to the group.
    if (!result.ok) return apiFailure(result, event, { action: 'removeGroup', target: id });
    redirect(303, `${event.url.pathname}?saved=groupRemoved#working-groups-heading`);
  },
};
