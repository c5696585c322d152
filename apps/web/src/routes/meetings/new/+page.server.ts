import { error, redirect } from '@sveltejs/kit';
import type { MeetingView } from '@kengash/core/schemas';
import { apiJson } from '$lib/api';
import { translator } from '$lib/i18n';
import { textLanguagesOf } from '$lib/meeting-form';
import { answer, apiFailure } from '$lib/server/actions';
import { requireUser } from '$lib/server/load';
import {
  meetingFormErrors,
  problemToMeetingErrors,
  readMeetingForm,
} from '$lib/server/meeting-form';
import type { Actions, PageServerLoad } from './$types';

/** Only platform admins create meetings (the API's rule; the page says so before the form). */
export const load: PageServerLoad = ({ locals, url }) => {
  const user = requireUser(locals, url);
  if (!user.isAdmin) error(403, translator(locals.locale)('newMeeting.adminsOnly'));
  return { timeZones: Intl.supportedValuesOf('timeZone') };
};

export const actions: Actions = {
  default: async (event) => {
    const t = translator(event.locals.locale);
    requireUser(event.locals, event.url);
    const form = await event.request.formData();
    const { values, body } = readMeetingForm(form, textLanguagesOf(null));
    const create = { ...body, slug: String(values.slug ?? '').trim() };
    const errors = meetingFormErrors('create', create, values, t);
    if (errors) return answer(400, { action: 'create', values, errors });
    const result = await apiJson<MeetingView>(event.fetch, '/api/meetings', {
      method: 'POST',
      body: create,
    });
    if (!result.ok) {
      if (result.status === 400)
        return answer(400, {
          action: 'create',
          values,
          errors: problemToMeetingErrors(result.problem, body.languages[0] ?? 'en'),
        });
      if (result.status === 409)
        return answer(409, { action: 'create', values, errors: { slug: t('errors.slugTaken') } });
      return apiFailure(result, event, { action: 'create', values });
    }
    redirect(303, `/meetings/${result.data.slug}/manage/settings?saved=created`);
  },
};
