import { error, redirect } from '@sveltejs/kit';
import type { MeetingView, UserView } from '@kengash/core/schemas';
import { apiJson, problemMessage, type ApiResult } from '$lib/api';

type Fetch = typeof globalThis.fetch;

/** Turn a failed API call into SvelteKit's error page (or the sign-in page for 401). */
export function failLoad(result: ApiResult<unknown> & { ok: false }, url: URL): never {
  if (result.status === 401) redirect(303, signInUrl(url));
  error(
    result.status >= 400 && result.status <= 599 ? result.status : 502,
    problemMessage(result.problem),
  );
}

export function signInUrl(url: URL): string {
  return `/signin?next=${encodeURIComponent(url.pathname + url.search)}`;
}

/** The signed-in user, or off to the sign-in page and back here afterwards. */
export function requireUser(locals: App.Locals, url: URL): UserView {
  if (!locals.user) redirect(303, signInUrl(url));
  return locals.user;
}

/** The meeting as this viewer may see it, with what they may do (`allowedActions`). */
export async function loadMeeting(fetch: Fetch, slug: string, url: URL): Promise<MeetingView> {
  const result = await apiJson<MeetingView>(fetch, `/api/meetings/${encodeURIComponent(slug)}`);
  if (!result.ok) failLoad(result, url);
  return result.data;
}

let devMailbox: boolean | undefined;
/**
 * Whether the API keeps a dev mailbox (it answers 404 when SMTP_URL is set or in
 * production). Asked once: the answer holds for the life of the API process.
 */
export async function hasDevMailbox(fetch: Fetch): Promise<boolean> {
  if (devMailbox !== undefined) return devMailbox;
  const result = await apiJson(fetch, '/api/dev/mailbox');
  if (result.ok || result.status === 404) devMailbox = result.ok;
  return result.ok;
}
