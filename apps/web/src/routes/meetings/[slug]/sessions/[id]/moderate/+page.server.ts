import { error, redirect, type RequestEvent } from '@sveltejs/kit';
import type { SessionView } from '@kengash/core/schemas';
import { apiJson, type ApiInit, type Items } from '$lib/api';
import { text } from '$lib/forms';
import { translator } from '$lib/i18n';
import { sortQuestions, type QuestionView } from '$lib/qa';
import { apiFailure } from '$lib/server/actions';
import { failLoad, loadMeeting, requireUser } from '$lib/server/load';
import type { Actions, PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const moderations = ['approve', 'reject', 'answer', 'pin', 'unpin'] as const;

/** The moderator's board of a session's questions: the chair and the secretariat only. */
export const load: PageServerLoad = async ({ fetch, params, url, locals }) => {
  const t = translator(locals.locale);
  if (!UUID.test(params.id)) error(404, t('errorPage.404'));
  requireUser(locals, url);
  const sessionPath = `/api/sessions/${params.id}`;
  const [meeting, session, questions] = await Promise.all([
    loadMeeting(fetch, params.slug, url),
    apiJson<SessionView>(fetch, sessionPath),
    apiJson<Items<QuestionView>>(fetch, `${sessionPath}/questions`),
  ]);
  if (!session.ok) failLoad(session, url);
  if (session.data.meetingSlug !== meeting.slug) error(404, t('errorPage.404'));
  if (!session.data.allowedActions.includes('moderate')) error(403, t('errorPage.403'));
  if (!questions.ok) failLoad(questions, url);
  return {
    meeting,
    session: session.data,
    questions: sortQuestions(questions.data.items),
  };
};

type Event = RequestEvent<{ slug: string; id: string }>;

async function call(event: Event, action: string, path: string, init: ApiInit, anchor: string) {
  const result = await apiJson(event.fetch, path, init);
  if (!result.ok) return apiFailure(result, event, { action });
  redirect(303, `${event.url.pathname}${anchor}`);
}

export const actions: Actions = {
  moderate: async (event) => {
    const form = await event.request.formData();
    const id = text(form, 'questionId');
    const action = text(form, 'action');
    const questionId = UUID.test(id) ? id : '00000000-0000-0000-0000-000000000000';
    const verb = (moderations as readonly string[]).includes(action) ? action : 'approve';
    return call(
      event,
      'moderate',
      `/api/questions/${questionId}/${verb}`,
      { method: 'POST' },
      verb === 'approve' || verb === 'reject' ? '#pending' : '#approved',
    );
  },
  settings: async (event) => {
    const form = await event.request.formData();
    const body: { open?: boolean; moderated?: boolean } = {};
    const open = text(form, 'open');
    const moderated = text(form, 'moderated');
    if (open === 'true' || open === 'false') body.open = open === 'true';
    if (moderated === 'true' || moderated === 'false') body.moderated = moderated === 'true';
    return call(
      event,
      'settings',
      `/api/sessions/${event.params.id}/qa`,
      { method: 'PATCH', body },
      '',
    );
  },
};
