/**
 * Reads the meeting editor's form into the API's body and checks it with the API's own
 * schemas (meetingCreate / meetingUpdate and the window rule), so the form says what the
 * API would say, field by field, in the reader's language.
 */
import { meetingCreate, meetingUpdate, meetingWindowIssues } from '@kengash/core/schemas';
import type { Problem } from '$lib/api';
import { issuesToErrors, text, type FieldErrors, type Issue } from '$lib/forms';
import type { Translate } from '$lib/i18n';
import type { MeetingFormValues } from '$lib/meeting-form';
import { fromZonedInput } from '$lib/zoned';

const TIMES = ['startsAt', 'endsAt', 'registrationOpensAt', 'registrationClosesAt'] as const;

export function readMeetingForm(form: FormData, textLanguages: readonly string[]) {
  const values: MeetingFormValues = {};
  for (const name of [
    'slug',
    'series',
    'venue',
    'city',
    'country',
    'timezone',
    'registrationMode',
    'capacity',
    'maxPerCountry',
    'hostOrganizations',
    ...TIMES,
  ])
    values[name] = text(form, name);
  values.languages = form.getAll('languages').map(String);
  for (const lang of textLanguages) {
    values[`title_${lang}`] = text(form, `title_${lang}`);
    values[`description_${lang}`] = text(form, `description_${lang}`);
  }

  const str = (name: string) => String(values[name] ?? '').trim();
  const zone = str('timezone');
  const time = (name: string) => {
    const v = str(name);
    if (!v) return null;
    // An unreadable time or zone goes on as typed, for the schema to refuse.
    return fromZonedInput(v, zone) ?? v;
  };
  const number = (name: string) => (/^\d+$/.test(str(name)) ? Number(str(name)) : str(name));
  const title: Record<string, string> = {};
  const description: Record<string, string> = {};
  for (const lang of textLanguages) {
    title[lang] = str(`title_${lang}`);
    description[lang] = str(`description_${lang}`);
  }

  const body = {
    title,
    description,
    series: str('series') || null,
    venue: str('venue') || null,
    city: str('city'),
    country: str('country'),
    timezone: zone,
    startsAt: time('startsAt') ?? '',
    endsAt: time('endsAt') ?? '',
    registrationMode: str('registrationMode'),
    registrationOpensAt: time('registrationOpensAt'),
    registrationClosesAt: time('registrationClosesAt'),
    capacity: number('capacity'),
    maxPerCountry: str('maxPerCountry') ? number('maxPerCountry') : null,
    languages: values.languages,
    hostOrganizations: str('hostOrganizations')
      .split(/\r?\n/)
      .map((l) => l.trim())
      .filter(Boolean),
  };
  return { values, body };
}

/** The form field an issue's path points at: `title.ru` → `title_ru`. */
function fieldOf(path: readonly PropertyKey[], firstLanguage: string): string {
  const [head, second] = path.map(String);
  if (head === 'title' || head === 'description') return `${head}_${second ?? firstLanguage}`;
  return head ?? '';
}

/** Checks the body as the API will; null when it passes. */
export function meetingFormErrors(
  mode: 'create' | 'update',
  body: ReturnType<typeof readMeetingForm>['body'] & { slug?: string },
  values: MeetingFormValues,
  t: Translate,
): FieldErrors | null {
  const first = body.languages[0] ?? Object.keys(body.title)[0] ?? 'en';
  const issues: Issue[] = [];
  const parsed = (mode === 'create' ? meetingCreate : meetingUpdate).safeParse(body);
  if (!parsed.success) issues.push(...parsed.error.issues);
  if (mode === 'update')
    for (const i of meetingWindowIssues(body))
      issues.push({ code: 'custom', path: [i.path], message: i.message });
  const errors = issuesToErrors(
    issues.map((i) => ({ ...i, path: [fieldOf(i.path, first)] })),
    Object.fromEntries(
      Object.entries(values).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : v]),
    ),
    t,
    { country: 'errors.country', timezone: 'errors.timezone', languages: 'errors.languages' },
  );
  // The window rules say which field must come after which.
  for (const i of issues)
    if (i.code === 'custom' && (i.path[0] === 'endsAt' || i.path[0] === 'registrationClosesAt'))
      errors[String(i.path[0])] = t(
        i.path[0] === 'endsAt' ? 'errors.endsAfterStart' : 'errors.closesAfterOpens',
      );
  // A title in the meeting's first language is what every reader falls back to.
  if (!body.title[first] && !errors[`title_${first}`])
    errors[`title_${first}`] = t('errors.required');
  return Object.keys(errors).length > 0 ? errors : null;
}

/** The API's field errors under the form's names. */
export function problemToMeetingErrors(problem: Problem, firstLanguage: string): FieldErrors {
  const errors: FieldErrors = {};
  for (const e of problem.errors ?? []) {
    const path = e.path
      .replace(/^\/+/, '')
      .replace(/^body[./]/, '')
      .split(/[./]/);
    const field = fieldOf(path, firstLanguage);
    if (!(field in errors)) errors[field] = e.message;
  }
  return errors;
}
