import { error, fail, redirect } from '@sveltejs/kit';
import {
  CONSENT_VERSION,
  email as emailSchema,
  locales as mailLanguages,
  participantTypes,
  registrationInput,
  type RegistrationStatus,
} from '@kengash/core/schemas';
import { apiJson, problemFieldErrors, problemMessage } from '$lib/api';
import {
  checked,
  issuesToErrors,
  optionalText,
  text,
  type FormFailure,
  type FormValues,
} from '$lib/forms';
import { translator } from '$lib/i18n';
import { loadMeeting } from '$lib/server/load';
import type { Actions, PageServerLoad } from './$types';

const FIELDS = [
  'email',
  'fullName',
  'organization',
  'country',
  'participantType',
  'jobTitle',
  'preferredLanguage',
  'dietaryNeeds',
  'accessibilityNeeds',
  'needsVisaLetter',
  'consent',
] as const;

export const load: PageServerLoad = async ({ fetch, params, url }) => {
  const meeting = await loadMeeting(fetch, params.slug, url);
  return {
    meeting,
    // Passed as data so that the schemas (and zod) stay out of the browser bundle.
    participantTypes: [...participantTypes],
    mailLanguages: [...mailLanguages],
    consentVersion: CONSENT_VERSION,
  };
};

/** What a failed registration hands back: `duplicate` offers a sign-in link instead. */
interface RegisterFailure extends FormFailure {
  duplicate?: boolean;
  linkError?: string;
}

export const actions: Actions = {
  register: async ({ request, fetch, params, locals }) => {
    const t = translator(locals.locale);
    const form = await request.formData();
    const values: FormValues = {
      email: text(form, 'email'),
      fullName: text(form, 'fullName'),
      organization: text(form, 'organization'),
      country: text(form, 'country'),
      participantType: text(form, 'participantType'),
      jobTitle: text(form, 'jobTitle'),
      preferredLanguage: text(form, 'preferredLanguage'),
      dietaryNeeds: text(form, 'dietaryNeeds'),
      accessibilityNeeds: text(form, 'accessibilityNeeds'),
      needsVisaLetter: checked(form, 'needsVisaLetter'),
      consent: checked(form, 'consent'),
    };
    const failWith = (status: number, data: Partial<RegisterFailure>) => {
      const body: RegisterFailure = { errors: {}, values, ...data };
      return fail(status, body);
    };

    const parsed = registrationInput.safeParse({
      email: values.email,
      fullName: values.fullName,
      organization: values.organization,
      country: values.country,
      participantType: values.participantType,
      jobTitle: optionalText(form, 'jobTitle'),
      preferredLanguage: optionalText(form, 'preferredLanguage'),
      dietaryNeeds: optionalText(form, 'dietaryNeeds'),
      accessibilityNeeds: optionalText(form, 'accessibilityNeeds'),
      needsVisaLetter: values.needsVisaLetter,
      consent: values.consent,
    });
    if (!parsed.success) {
      return failWith(400, {
        errors: issuesToErrors(parsed.error.issues, values, t, {
          country: 'errors.country',
          participantType: 'errors.choose',
          preferredLanguage: 'errors.choose',
          consent: 'errors.consent',
        }),
      });
    }

    const result = await apiJson<{
      id: string;
      status: RegistrationStatus;
      waitlistPosition?: number | null;
    }>(fetch, `/api/meetings/${encodeURIComponent(params.slug)}/registrations`, {
      method: 'POST',
      body: parsed.data,
    });

    if (!result.ok) {
      switch (result.status) {
        case 400:
          return failWith(400, { errors: problemFieldErrors(result.problem, FIELDS) });
        case 404:
          error(404, 'Not found');
        // 409: already registered (the problem names the e-mail field), or registration
        // closed or not open. The delegate who is already registered gets a way forward.
        case 409:
          if (result.problem.errors?.some((e) => e.path.replace(/^\/+/, '') === 'email'))
            return failWith(409, { formError: t('register.duplicate'), duplicate: true });
          return failWith(409, { formError: problemMessage(result.problem) });
        case 429:
          return failWith(429, { formError: t('common.tooMany') });
        default:
          return failWith(result.status >= 500 ? 503 : result.status, {
            formError:
              result.status >= 500 ? t('common.unavailable') : problemMessage(result.problem),
          });
      }
    }

    const query = new URLSearchParams({ status: result.data.status });
    if (result.data.waitlistPosition != null) {
      query.set('position', String(result.data.waitlistPosition));
    }
    redirect(303, `/meetings/${params.slug}/register/done?${query}`);
  },
  /**
   * The way forward after "already registered": e-mail a sign-in link that leads to the
   * registration. The answer is the same whoever owns the address (the API's own rule).
   */
  signInLink: async ({ request, fetch, params, locals }) => {
    const t = translator(locals.locale);
    const form = await request.formData();
    const parsed = emailSchema.safeParse(text(form, 'email'));
    const next = `/meetings/${params.slug}/me`;
    if (!parsed.success) redirect(303, `/signin?next=${encodeURIComponent(next)}`);
    const result = await apiJson(fetch, '/api/auth/magic-link', {
      method: 'POST',
      body: { email: parsed.data, language: locals.locale, next },
    });
    if (!result.ok) {
      const body: RegisterFailure = {
        errors: {},
        values: { email: parsed.data },
        duplicate: true,
        linkError: result.status === 429 ? t('common.tooMany') : t('common.unavailable'),
      };
      return fail(result.status === 429 ? 429 : 503, body);
    }
    redirect(303, `/signin?sent=1&next=${encodeURIComponent(next)}`);
  },
};
