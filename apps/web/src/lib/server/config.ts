/** The web app's configuration, read once. */

/** Where the API listens in development (when the API is not in this process). */
export const apiOrigin = (process.env.API_ORIGIN ?? 'http://127.0.0.1:3001').replace(/\/+$/, '');

/** The session cookie the API sets on sign-in (see POST /api/auth/verify). */
export const SESSION_COOKIE = 'kengash_session';

/** The cookie that remembers the reader's chosen language. */
export const LANG_COOKIE = 'lang';
