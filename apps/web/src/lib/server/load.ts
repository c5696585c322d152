import { error, redirect } from '@sveltejs/kit';
import { apiJson, problemMessage, type ApiResult } from '$lib/api';
import type { Meeting, SessionUser } from '$lib/types';

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
export function requireUser(locals: App.Locals, url: URL): SessionUser {
  if (!locals.user) redirect(303, signInUrl(url));
  return locals.user;
}

export async function loadMeeting(fetch: Fetch, slug: string, url: URL): Promise<Meeting> {
  const result = await apiJson<Meeting>(fetch, `/api/meetings/${encodeURIComponent(slug)}`);
  if (!result.ok) failLoad(result, url);
  return result.data;
}

/** Staff of this meeting: any role on it, or a platform admin. */
export function isStaff(meeting: Meeting, user: SessionUser | null): boolean {
  if (!user) return false;
  if (user.isAdmin) return true;
  if (meeting.viewerRoles && meeting.viewerRoles.length > 0) return true;
  return user.roles.some((r) => r.meetingSlug === meeting.slug);
}

export function isOrganizer(meeting: Meeting, user: SessionUser | null): boolean {
  if (!user) return false;
  if (user.isAdmin) return true;
  return (
    !!meeting.viewerRoles?.includes('organizer') ||
    user.roles.some((r) => r.meetingSlug === meeting.slug && r.role === 'organizer')
  );
}
