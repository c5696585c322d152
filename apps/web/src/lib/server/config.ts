/** The web app's configuration, read once. */
export { LANG_COOKIE, SESSION_COOKIE } from '@kengash/core/schemas/values';

/** Where the API listens in development (when the API is not in this process). */
export const apiOrigin = (process.env.API_ORIGIN ?? 'http://127.0.0.1:3001').replace(/\/+$/, '');
