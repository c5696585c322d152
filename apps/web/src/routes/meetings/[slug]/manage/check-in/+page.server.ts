import { checkInInput, type CheckInView } from '@kengash/core/schemas';
import { apiJson } from '$lib/api';
import { issuesToErrors, text } from '$lib/forms';
import { translator } from '$lib/i18n';
import { answer, apiFailure, type ActionAnswer } from '$lib/server/actions';
import type { Actions } from './$types';

/** The desk loads nothing: the layout's meeting is all it shows until a code is sent. */
export const actions: Actions = {
  default: async (event) => {
    const t = translator(event.locals.locale);
    const form = await event.request.formData();
    const values = { code: text(form, 'code') };
    const parsed = checkInInput.safeParse(values);
    if (!parsed.success) {
      return answer(400, {
        action: 'checkIn',
        values,
        errors: issuesToErrors(parsed.error.issues, values, t),
      });
    }
    const result = await apiJson<CheckInView>(
      event.fetch,
      `/api/meetings/${encodeURIComponent(event.params.slug)}/check-in`,
      { method: 'POST', body: parsed.data },
    );
    if (!result.ok) {
      if (result.status === 404)
        return answer(404, {
          action: 'checkIn',
          values,
          errors: { code: t('manage.unknownCode') },
        });
      if (result.status === 409)
        return answer(409, {
          action: 'checkIn',
          values,
          errors: { code: t('manage.notConfirmed') },
        });
      return apiFailure(result, event, { action: 'checkIn', values }, ['code']);
    }
    // Shown in the answer box; the form is empty again for the next delegate.
    const done: ActionAnswer<'checkIn'> & { checkIn: CheckInView } = {
      action: 'checkIn',
      errors: {},
      values: {},
      checkIn: result.data,
    };
    return done;
  },
};
