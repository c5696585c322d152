import { redirect, type RequestEvent } from '@sveltejs/kit';
import { staffInput, staffRoles, type StaffView } from '@kengash/core/schemas';
import { apiJson, type Items } from '$lib/api';
import { issuesToErrors, text } from '$lib/forms';
import { translator } from '$lib/i18n';
import { answer, apiFailure } from '$lib/server/actions';
import { failLoad } from '$lib/server/load';
import type { Actions, PageServerLoad } from './$types';

export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const staff = await apiJson<Items<StaffView>>(
    fetch,
    `/api/meetings/${encodeURIComponent(params.slug)}/staff`,
  );
  if (!staff.ok) failLoad(staff, url);
  return { staff: staff.data.items, roles: [...staffRoles] };
};

async function staffChange(event: RequestEvent<{ slug: string }>, method: 'PUT' | 'DELETE') {
  const t = translator(event.locals.locale);
  const action = method === 'PUT' ? 'addStaff' : 'removeStaff';
  const form = await event.request.formData();
  const values = { email: text(form, 'email'), role: text(form, 'role') };
  const parsed = staffInput.safeParse(values);
  if (!parsed.success) {
    return answer(400, {
      action,
      values,
      errors: issuesToErrors(parsed.error.issues, values, t, { role: 'errors.choose' }),
    });
  }
  const result = await apiJson(
    event.fetch,
    `/api/meetings/${encodeURIComponent(event.params.slug)}/staff`,
    { method, body: parsed.data },
  );
  if (!result.ok) return apiFailure(result, event, { action, values }, ['email', 'role']);
  redirect(303, event.url.pathname);
}

export const actions: Actions = {
  add: (event) => staffChange(event, 'PUT'),
  remove: (event) => staffChange(event, 'DELETE'),
};
