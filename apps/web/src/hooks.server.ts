import type { Cookies, Handle, HandleFetch } from '@sveltejs/kit';
import { parse as parseSetCookie } from 'set-cookie-parser';
import type { UserView } from '@kengash/core/schemas';
import { apiJson } from '$lib/api';
import { resolveLocale } from '$lib/i18n';
import { apiOrigin, LANG_COOKIE, SESSION_COOKIE } from '$lib/server/config';

export const handle: Handle = async ({ event, resolve }) => {
  const locale = resolveLocale(
    event.cookies.get(LANG_COOKIE),
    event.request.headers.get('accept-language'),
  );
  event.locals.locale = locale;
  event.locals.user = null;

  if (event.cookies.get(SESSION_COOKIE) && !event.url.pathname.startsWith('/api/')) {
    const me = await apiJson<UserView>(event.fetch, '/api/me');
    // 401: the session expired or was revoked; the page renders signed out.
    if (me.ok) event.locals.user = me.data;
  }

  return resolve(event, {
    transformPageChunk: ({ html }) => html.replace('%lang%', locale),
  });
};

/**
 * Pages call the API as `event.fetch('/api/...')`. In production the API runs in this
 * process (`__kengashApiFetch`); in development it is another process at API_ORIGIN.
 * Either way the browser's cookies and language go along, Origin does not (the API
 * treats a state change with a foreign Origin as forged; these calls are ours, made after
 * SvelteKit's own CSRF check of the form post), and the cookies the API sets come back to
 * the browser. The API sees the browser's address: in process as the call's remote
 * address (the production server derived it under TRUST_PROXY), in development as
 * X-Forwarded-For, which the dev API believes from loopback only.
 */
export const handleFetch: HandleFetch = async ({ event, request, fetch }) => {
  const url = new URL(request.url);
  if (url.origin !== event.url.origin || !url.pathname.startsWith('/api/')) {
    return fetch(request);
  }

  const headers = new Headers(request.headers);
  headers.delete('origin');
  for (const name of [...headers.keys()]) if (name.startsWith('x-forwarded-')) headers.delete(name);
  const cookie = event.request.headers.get('cookie');
  if (cookie) headers.set('cookie', cookie);
  else headers.delete('cookie');
  headers.set('accept-language', event.locals.locale ?? 'en');
  let remoteAddress: string | undefined;
  try {
    remoteAddress = event.getClientAddress();
  } catch {
    // Not every runtime knows the client address.
  }

  const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
  const init: RequestInit = {
    method: request.method,
    headers,
    body: hasBody ? await request.arrayBuffer() : undefined,
    redirect: 'manual',
    signal: request.signal,
  };

  const inProcess = globalThis.__kengashApiFetch;
  let response: Response;
  if (inProcess) {
    response = await inProcess(new Request(url, init), { remoteAddress });
  } else {
    if (remoteAddress) headers.set('x-forwarded-for', remoteAddress);
    response = await globalThis.fetch(new URL(url.pathname + url.search, apiOrigin), init);
  }

  forwardSetCookies(response, event.cookies);
  return response;
};

const sameSites = ['lax', 'strict', 'none'] as const;

/**
 * Forward the cookies an API answer sets (sign-in, sign-out) to the browser with the
 * attributes the API chose; values pass through exactly as received. Domain is dropped on
 * purpose: the cookie belongs to the origin the browser sees.
 */
function forwardSetCookies(response: Response, cookies: Cookies): void {
  for (const c of parseSetCookie(response, { decodeValues: false })) {
    const sameSite = sameSites.find((s) => s === c.sameSite?.toLowerCase()) ?? 'lax';
    const options = {
      path: c.path?.startsWith('/') ? c.path : '/',
      httpOnly: !!c.httpOnly,
      secure: !!c.secure,
      sameSite,
    } as const;
    const removed =
      c.maxAge !== undefined
        ? c.maxAge <= 0
        : c.expires
          ? c.expires.getTime() <= Date.now()
          : c.value === '';
    if (removed) cookies.delete(c.name, options);
    else
      cookies.set(c.name, c.value, {
        ...options,
        ...(c.maxAge !== undefined ? { maxAge: c.maxAge } : {}),
        ...(c.expires && c.maxAge === undefined ? { expires: c.expires } : {}),
        encode: (v) => v,
      });
  }
}
