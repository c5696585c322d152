import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { SessionView, WorkingGroupView } from '@kengash/core/schemas';
import { apiJson, type ApiInit, type Items } from '$lib/api';
import { floorKinds, type FloorView } from '$lib/agenda';
import { QUESTION_MAX, sortQuestions, type QuestionView } from '$lib/qa';
import { text } from '$lib/forms';
import { translator } from '$lib/i18n';
import { answer, apiFailure } from '$lib/server/actions';
import { floorConflictKey } from '$lib/server/floor-problems';
import { failLoad, loadMeeting } from '$lib/server/load';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const load: PageServerLoad = async ({ fetch, params, url, locals }) => {
  const notFound = translator(locals.locale)('errorPage.404');
  if (!UUID.test(params.id)) error(404, notFound);
  const sessionPath = `/api/sessions/${params.id}`;
  const [meeting, session, floor, groups, questions] = await Promise.all([
    loadMeeting(fetch, params.slug, url),
    apiJson<SessionView>(fetch, sessionPath),
    apiJson<FloorView>(fetch, `${sessionPath}/floor`),
    apiJson<Items<WorkingGroupView>>(
      fetch,
      `/api/meetings/${encodeURIComponent(params.slug)}/working-groups`,
    ),
    apiJson<Items<QuestionView>>(fetch, `${sessionPath}/questions`),
  ]);
  if (!session.ok) failLoad(session, url);
  // A session of another meeting is not found under this one.
  if (session.data.meetingSlug !== meeting.slug) error(404, notFound);
  const group = groups.ok
    ? (groups.data.items.find((g) => g.code === session.data.workingGroupCode) ?? null)
    : null;
  return {
    meeting,
    session: session.data,
    floor: floor.ok ? floor.data : null,
    questions: questions.ok ? sortQuestions(questions.data.items) : null,
    group,
    now: Date.now(),
  };
};

type Event = RequestEvent<{ slug: string; id: string }>;

/** Calls the API for a floor action; back to the list of speakers when it worked. */
async function floorCall(event: Event, action: string, path: string, init: ApiInit) {
  const result = await apiJson(event.fetch, path, init);
  if (!result.ok) {
    const key = result.status === 409 ? floorConflictKey(result.problem) : null;
    if (key) return answer(409, { action, message: translator(event.locals.locale)(key) });
    return apiFailure(result, event, { action });
  }
  redirect(303, `${event.url.pathname}#floor`);
}

function requestId(form: FormData): string {
  const id = text(form, 'requestId');
  return UUID.test(id) ? id : '00000000-0000-0000-0000-000000000000';
}

/** Calls the API for a Q&A action; back to the questions when it worked. */
async function qaCall(event: Event, action: string, path: string, init: ApiInit) {
  const result = await apiJson(event.fetch, path, init);
  if (!result.ok) return apiFailure(result, event, { action });
  redirect(303, `${event.url.pathname}#qa`);
}

function questionId(form: FormData): string {
  const id = text(form, 'questionId');
  return UUID.test(id) ? id : '00000000-0000-0000-0000-000000000000';
}

export const actions: Actions = {
  ask: async (event) => {
    const form = await event.request.formData();
    const question = String(form.get('text') ?? '').trim();
    const anonymous = form.get('anonymous') === 'on';
    const t = translator(event.locals.locale);
    const values = { text: String(form.get('text') ?? ''), anonymous: anonymous ? 'on' : '' };
    if (question === '')
      return answer(400, { action: 'ask', values, errors: { text: t('qa.textRequired') } });
    if (question.length > QUESTION_MAX)
      return answer(400, { action: 'ask', values, errors: { text: t('qa.textTooLong') } });
    const result = await apiJson<{ status: string }>(
      event.fetch,
      `/api/sessions/${event.params.id}/questions`,
      { method: 'POST', body: { text: question, anonymous } },
    );
    if (!result.ok) return apiFailure(result, event, { action: 'ask', values }, ['text']);
    // Said on the page it comes back to, with or without JavaScript.
    const asked = result.data.status === 'pending' ? 'pending' : 'approved';
    redirect(303, `${event.url.pathname}?asked=${asked}#qa`);
  },
  vote: async (event) => {
    const form = await event.request.formData();
    return qaCall(event, 'vote', `/api/questions/${questionId(form)}/vote`, { method: 'POST' });
  },
  unvote: async (event) => {
    const form = await event.request.formData();
    return qaCall(event, 'unvote', `/api/questions/${questionId(form)}/vote`, {
      method: 'DELETE',
    });
  },
  bookmark: async (event) => {
    const form = await event.request.formData();
    const on = text(form, 'bookmarked') !== '0';
    const result = await apiJson(event.fetch, `/api/sessions/${event.params.id}/bookmark`, {
      method: on ? 'PUT' : 'DELETE',
    });
    if (!result.ok) return apiFailure(result, event, { action: 'bookmark' });
    redirect(303, event.url.pathname);
  },
  request: async (event) => {
    const form = await event.request.formData();
    const kind = text(form, 'kind') || 'statement';
    if (!(floorKinds as readonly string[]).includes(kind))
      return answer(400, {
        action: 'request',
        errors: { kind: translator(event.locals.locale)('errors.choose') },
      });
    return floorCall(event, 'request', `/api/sessions/${event.params.id}/floor`, {
      method: 'POST',
      body: { kind },
    });
  },
  withdraw: async (event) => {
    const form = await event.request.formData();
    return floorCall(event, 'withdraw', `/api/floor/${requestId(form)}`, { method: 'DELETE' });
  },
  next: (event) =>
    floorCall(event, 'next', `/api/sessions/${event.params.id}/floor/next`, { method: 'POST' }),
  move: async (event) => {
    const form = await event.request.formData();
    const position = Number(text(form, 'position'));
    if (!Number.isInteger(position) || position < 1)
      return answer(400, {
        action: 'move',
        message: translator(event.locals.locale)('errors.invalid'),
      });
    return floorCall(event, 'move', `/api/floor/${requestId(form)}`, {
      method: 'PATCH',
      body: { position },
    });
  },
  settings: async (event) => {
    const form = await event.request.formData();
    const body: { open?: boolean; balanced?: boolean; speakingMinutes?: number } = {};
    const minutes = text(form, 'speakingMinutes');
    if (minutes !== '') {
      const n = Number(minutes);
      if (!Number.isInteger(n) || n < 1 || n > 60)
        return answer(400, {
          action: 'settings',
          message: translator(event.locals.locale)('floor.minutesInvalid'),
        });
      body.speakingMinutes = n;
    }
    const open = text(form, 'open');
    const balanced = text(form, 'balanced');
    if (open === 'true' || open === 'false') body.open = open === 'true';
    if (balanced === 'true' || balanced === 'false') body.balanced = balanced === 'true';
    return floorCall(event, 'settings', `/api/sessions/${event.params.id}/floor`, {
      method: 'PATCH',
      body,
    });
  },
};
