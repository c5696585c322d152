/**
 * Reads the session editor's form into the API's body and checks it with the API's own
 * schemas, so the form says what the API would say, field by field, in the reader's
 * language. The API's 409 for a taken room is shown at the room field.
 */
import { sessionCreate, sessionUpdate, sessionWindowIssues } from '@kengash/core/schemas';
import type { SessionView } from '@kengash/core/schemas';
import { apiJson, problemMessage, type Problem } from '$lib/api';
import { formatDateTime, formatDay, formatTimeRange } from '$lib/format';
import {
  checked,
  issuesToErrors,
  text,
  type FieldErrors,
  type FormValues,
  type Issue,
} from '$lib/forms';
import type { Translate } from '$lib/i18n';
import { fromZonedInput } from '$lib/zoned';

export const SESSION_FIELDS = [
  'kind',
  'startsAt',
  'endsAt',
  'room',
  'workingGroupCode',
  'onlineUrl',
  'speakingMinutes',
] as const;

export function readSessionForm(form: FormData, languages: readonly string[], timeZone: string) {
  const values: FormValues = {};
  for (const name of SESSION_FIELDS) values[name] = text(form, name);
  values.interpretation = form.getAll('interpretation').map(String);
  values.qaEnabled = checked(form, 'qaEnabled');
  values.qaModerated = checked(form, 'qaModerated');
  const title: Record<string, string> = {};
  const description: Record<string, string> = {};
  for (const lang of languages) {
    values[`title_${lang}`] = text(form, `title_${lang}`);
    values[`description_${lang}`] = text(form, `description_${lang}`);
    const tt = String(values[`title_${lang}`]).trim();
    const dd = String(values[`description_${lang}`]).trim();
    if (tt) title[lang] = tt;
    description[lang] = dd;
  }
  const str = (name: string) => String(values[name] ?? '').trim();
  const time = (name: string) => {
    const v = str(name);
    return v ? (fromZonedInput(v, timeZone) ?? v) : '';
  };
  const minutes = str('speakingMinutes');
  const body = {
    title,
    description: Object.values(description).some(Boolean) ? description : null,
    kind: str('kind'),
    startsAt: time('startsAt'),
    endsAt: time('endsAt'),
    room: str('room') || null,
    workingGroupCode: str('workingGroupCode') || null,
    onlineUrl: str('onlineUrl') || null,
    interpretation: values.interpretation,
    qaEnabled: values.qaEnabled,
    qaModerated: values.qaModerated,
    ...(minutes ? { speakingMinutes: /^\d+$/.test(minutes) ? Number(minutes) : minutes } : {}),
  };
  return { values, body };
}

function fieldOf(path: readonly PropertyKey[], first: string): string {
  const [head, second] = path.map(String);
  if (head === 'title' || head === 'description') return `${head}_${second ?? first}`;
  return head ?? '';
}

export function sessionFormErrors(
  mode: 'create' | 'update',
  body: ReturnType<typeof readSessionForm>['body'],
  values: FormValues,
  languages: readonly string[],
  t: Translate,
): FieldErrors | null {
  const first = languages[0] ?? 'en';
  const issues: Issue[] = [];
  const parsed = (mode === 'create' ? sessionCreate : sessionUpdate).safeParse(body);
  if (!parsed.success) issues.push(...parsed.error.issues);
  if (mode === 'update')
    for (const i of sessionWindowIssues(body))
      issues.push({ code: 'custom', path: [i.path], message: i.message });
  const flat = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
  ) as FormValues;
  const errors = issuesToErrors(
    issues.map((i) => ({ ...i, path: [fieldOf(i.path, first)] })),
    flat,
    t,
    { kind: 'errors.choose', onlineUrl: 'agenda.errors.onlineUrl' },
  );
  for (const i of issues)
    if (i.code === 'custom' && i.path[0] === 'endsAt') errors.endsAt = t('errors.endsAfterStart');
  if (!body.title[first] && !errors[`title_${first}`])
    errors[`title_${first}`] = t('errors.required');
  return Object.keys(errors).length > 0 ? errors : null;
}

/** The API's answer under the form's names: field errors, and a taken room at the room. */
export function problemToSessionErrors(
  problem: Problem,
  status: number,
  first: string,
): FieldErrors {
  const errors: FieldErrors = {};
  for (const e of problem.errors ?? []) {
    const path = e.path
      .replace(/^\/+/, '')
      .replace(/^body[./]/, '')
      .split(/[./]/);
    const field = fieldOf(path, first);
    if (!(field in errors)) errors[field] = e.message;
  }
  if (status !== 400 && Object.keys(errors).length === 0) {
    // A taken room is the conflict the API names the other session for.
    if (status === 409 && /room|зал|аудитор/i.test(`${problem.title} ${problem.detail ?? ''}`))
      errors.room = problemMessage(problem);
    else errors[''] = problemMessage(problem);
  }
  return errors;
}

/** The API's "Must be within the meeting (from – to)": the meeting's bounds as instants. */
const OUTSIDE = /^Must be within the meeting \((\S+) – (\S+)\)/;

/**
 * The API's 409 for a taken room names the session holding it (by id, in its detail); the
 * form says the same in the reader's language, with that session's title and its times in
 * the meeting's zone. A time outside the meeting (400, said in English by the API) is said
 * in the reader's language too, with the meeting's bounds in its zone.
 */
export async function localizeRoomConflict(
  errors: FieldErrors,
  problem: Problem,
  fetch: typeof globalThis.fetch,
  t: Translate,
  locale: string,
  timeZone: string,
): Promise<FieldErrors> {
  for (const field of ['startsAt', 'endsAt']) {
    const bounds = OUTSIDE.exec(errors[field] ?? '');
    if (bounds && !Number.isNaN(Date.parse(bounds[1]!)) && !Number.isNaN(Date.parse(bounds[2]!)))
      errors = {
        ...errors,
        [field]: t('agenda.errors.outsideMeeting', {
          from: formatDateTime(locale, bounds[1]!, timeZone),
          to: formatDateTime(locale, bounds[2]!, timeZone),
        }),
      };
  }
  if (!errors.room) return errors;
  const id = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i.exec(
    `${problem.detail ?? ''}`,
  )?.[0];
  if (!id) return errors;
  const other = await apiJson<SessionView>(fetch, `/api/sessions/${id}`);
  if (!other.ok) return errors;
  return {
    ...errors,
    room: t('agenda.form.roomTaken', {
      room: other.data.room ?? '',
      title: other.data.title,
      time: `${formatDay(locale, other.data.startsAt, timeZone)}, ${formatTimeRange(locale, other.data.startsAt, other.data.endsAt, timeZone)}`,
    }),
  };
}
