import { error, fail, redirect } from '@sveltejs/kit';
import {
  checkInInput,
  registrationStatuses,
  staffInput,
  staffRoles,
  workingGroupInput,
} from '@kengash/core/schemas';
import { apiJson, problemFieldErrors, problemMessage, type ApiResult } from '$lib/api';
import { issuesToErrors, text, type FieldErrors, type FormValues } from '$lib/forms';
import { translator } from '$lib/i18n';
import { failLoad, loadMeeting, requireUser, signInUrl } from '$lib/server/load';
import type { Items, Registration, RegistrationStats, StaffMember, WorkingGroup } from '$lib/types';
import type { Actions, PageServerLoad, RequestEvent } from './$types';

const tabs = ['registrations', 'checkin', 'meeting'] as const;
type Tab = (typeof tabs)[number];

/** Every action of this page answers in this one shape, so the page reads `form` simply. */
interface ManageForm {
  action:
    'registration' | 'checkIn' | 'meetingStatus' | 'addStaff' | 'removeStaff' | 'addWorkingGroup';
  errors: FieldErrors;
  values: FormValues;
  message?: string;
  checkIn?: Registration;
}

export const load: PageServerLoad = async ({ fetch, params, url, locals }) => {
  requireUser(locals, url);
  const base = `/api/meetings/${encodeURIComponent(params.slug)}`;
  const tabParam = url.searchParams.get('tab');
  const tab: Tab = (tabs as readonly string[]).includes(tabParam ?? '')
    ? (tabParam as Tab)
    : 'registrations';

  const statusParam = url.searchParams.get('status') ?? '';
  const filter = {
    status: (registrationStatuses as readonly string[]).includes(statusParam) ? statusParam : '',
    country: /^[A-Za-z]{2}$/.test(url.searchParams.get('country') ?? '')
      ? url.searchParams.get('country')!.toUpperCase()
      : '',
    q: (url.searchParams.get('q') ?? '').trim().slice(0, 200),
  };
  const query = new URLSearchParams(Object.entries(filter).filter(([, v]) => v !== ''));

  const [meeting, stats, registrations, staff, workingGroups] = await Promise.all([
    loadMeeting(fetch, params.slug, url),
    apiJson<RegistrationStats>(fetch, `${base}/registrations/stats`),
    apiJson<Items<Registration>>(fetch, `${base}/registrations${query.size ? `?${query}` : ''}`),
    apiJson<Items<StaffMember>>(fetch, `${base}/staff`),
    apiJson<Items<WorkingGroup>>(fetch, `${base}/working-groups`),
  ]);
  // Only organizers get here: the API answers 403 (or 404 for a hidden draft) to others.
  if (!stats.ok) failLoad(stats, url);
  if (!registrations.ok) failLoad(registrations, url);

  return {
    meeting,
    tab,
    filter,
    stats: stats.data,
    registrations: registrations.data.items,
    staff: staff.ok ? staff.data.items : [],
    workingGroups: workingGroups.ok ? workingGroups.data.items : [],
    statuses: [...registrationStatuses],
    roles: [...staffRoles],
    updated: url.searchParams.get('updated') ?? '',
  };
};

/** Back to this page as it was (tab, filter), without the action name. */
function back(url: URL, changes: Record<string, string | null> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of url.searchParams) {
    if (!key.startsWith('/') && key !== 'updated') params.append(key, value);
  }
  for (const [key, value] of Object.entries(changes)) {
    if (value === null) params.delete(key);
    else params.set(key, value);
  }
  const search = params.toString();
  return `${url.pathname}${search ? `?${search}` : ''}`;
}

function answer(status: number, data: Omit<ManageForm, 'values' | 'errors'> & Partial<ManageForm>) {
  const body: ManageForm = { errors: {}, values: {}, ...data };
  return fail(status, body);
}

/** A failed API call as the form's message (401 → sign in, 404 → error page). */
function apiFailure(
  result: ApiResult<unknown> & { ok: false },
  event: RequestEvent,
  action: ManageForm['action'],
  values: FormValues = {},
  fields: readonly string[] = [],
) {
  const t = translator(event.locals.locale);
  if (result.status === 401) redirect(303, signInUrl(event.url));
  if (result.status === 403) error(403, problemMessage(result.problem));
  if (result.status === 400 && fields.length > 0) {
    return answer(400, { action, values, errors: problemFieldErrors(result.problem, fields) });
  }
  if (result.status === 429) return answer(429, { action, values, message: t('common.tooMany') });
  if (result.status >= 500)
    return answer(503, { action, values, message: t('common.unavailable') });
  return answer(result.status, { action, values, message: problemMessage(result.problem) });
}

async function transition(event: RequestEvent, verb: 'approve' | 'decline' | 'cancel') {
  const form = await event.request.formData();
  const id = text(form, 'id');
  if (!id) return answer(400, { action: 'registration', message: 'Missing registration id' });
  const result = await apiJson<Registration>(
    event.fetch,
    `/api/registrations/${encodeURIComponent(id)}/${verb}`,
    { method: 'POST' },
  );
  if (!result.ok) return apiFailure(result, event, 'registration');
  redirect(303, back(event.url, { tab: 'registrations', updated: id }));
}

async function meetingStatus(event: RequestEvent, verb: 'publish' | 'close') {
  const result = await apiJson(
    event.fetch,
    `/api/meetings/${encodeURIComponent(event.params.slug)}/${verb}`,
    { method: 'POST' },
  );
  if (!result.ok) return apiFailure(result, event, 'meetingStatus');
  redirect(303, back(event.url, { tab: 'meeting' }));
}

async function staffChange(event: RequestEvent, method: 'PUT' | 'DELETE') {
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
  if (!result.ok) return apiFailure(result, event, action, values, ['email', 'role']);
  redirect(303, back(event.url, { tab: 'meeting' }));
}

export const actions: Actions = {
  approve: (event) => transition(event, 'approve'),
  decline: (event) => transition(event, 'decline'),
  cancel: (event) => transition(event, 'cancel'),

  checkIn: async (event) => {
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
    const result = await apiJson<Registration>(
      event.fetch,
      `/api/meetings/${encodeURIComponent(event.params.slug)}/check-in`,
      { method: 'POST', body: parsed.data },
    );
    if (!result.ok) {
      if (result.status === 404) {
        return answer(404, {
          action: 'checkIn',
          values,
          errors: { code: t('manage.unknownCode') },
        });
      }
      if (result.status === 409) {
        return answer(409, {
          action: 'checkIn',
          values,
          errors: { code: t('manage.notConfirmed') },
        });
      }
      return apiFailure(result, event, 'checkIn', values, ['code']);
    }
    // Shown in the success box; the form is empty again for the next delegate.
    const done: ManageForm = { action: 'checkIn', errors: {}, values: {}, checkIn: result.data };
    return done;
  },

  publish: (event) => meetingStatus(event, 'publish'),
  close: (event) => meetingStatus(event, 'close'),
  addStaff: (event) => staffChange(event, 'PUT'),
  removeStaff: (event) => staffChange(event, 'DELETE'),

  addWorkingGroup: async (event) => {
    const t = translator(event.locals.locale);
    const form = await event.request.formData();
    const values = { code: text(form, 'code'), name: text(form, 'name') };
    const parsed = workingGroupInput.safeParse(values);
    if (!parsed.success) {
      return answer(400, {
        action: 'addWorkingGroup',
        values,
        errors: issuesToErrors(parsed.error.issues, values, t, { code: 'errors.wgCode' }),
      });
    }
    const result = await apiJson(
      event.fetch,
      `/api/meetings/${encodeURIComponent(event.params.slug)}/working-groups`,
      { method: 'POST', body: parsed.data },
    );
    if (!result.ok) return apiFailure(result, event, 'addWorkingGroup', values, ['code', 'name']);
    redirect(303, back(event.url, { tab: 'meeting' }));
  },
};
