/**
 * The browser-safe part of the domain: value lists, the zod schemas of every body and
 * every answer (the API validates and serializes with them, the web app validates its
 * forms and infers its types from them, the OpenAPI document is generated from them).
 * It imports nothing but zod and the value lists; the web app may import only this.
 */
export * from './values.js';
export * from './lang.js';
export * from './common.js';
export { COUNTRY_CODES, isIsoCountry } from './countries.js';
export * from './accounts.js';
export * from './meetings.js';
export * from './registrations.js';
export * from './sessions.js';
export * from './platform.js';
export * from './calendar.js';
export * from './floor.js';
export * from './questions.js';
