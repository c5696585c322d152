import { error } from '@sveltejs/kit';
import QRCode from 'qrcode';
import type { SessionView } from '@kengash/core/schemas';
import { apiJson, type Items } from '$lib/api';
import type { FloorView } from '$lib/agenda';
import { isLocale, translator, type Locale } from '$lib/i18n';
import { sortQuestions, type QuestionView } from '$lib/qa';
import { failLoad, loadMeeting } from '$lib/server/load';
import type { PageServerLoad } from './$types';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The projector view of a session: what the room may see of its questions, who has the
 * floor, and a QR code to the session page, in the meeting's languages.
 */
export const load: PageServerLoad = async ({ fetch, params, url, locals }) => {
  const t = translator(locals.locale);
  if (!UUID.test(params.id)) error(404, t('errorPage.404'));
  const sessionPath = `/api/sessions/${params.id}`;
  const [meeting, session, questions, floor] = await Promise.all([
    loadMeeting(fetch, params.slug, url),
    apiJson<SessionView>(fetch, sessionPath),
    apiJson<Items<QuestionView>>(fetch, `${sessionPath}/questions`),
    apiJson<FloorView>(fetch, `${sessionPath}/floor`),
  ]);
  if (!session.ok) failLoad(session, url);
  if (session.data.meetingSlug !== meeting.slug) error(404, t('errorPage.404'));
  const join = `${url.origin}/meetings/${encodeURIComponent(meeting.slug)}/sessions/${session.data.id}#qa`;
  const qrSvg = await QRCode.toString(join, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' });
  // The page's language first, then the meeting's other languages the pages speak.
  const languages: Locale[] = [
    locals.locale,
    ...meeting.languages.filter((l): l is Locale => isLocale(l) && l !== locals.locale),
  ];
  return {
    meeting,
    session: session.data,
    questions: questions.ok ? sortQuestions(questions.data.items) : [],
    floor: floor.ok ? floor.data : null,
    join,
    qrSvg,
    languages,
    now: Date.now(),
  };
};
