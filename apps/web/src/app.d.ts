// See https://svelte.dev/docs/kit/types#app.d.ts
import type { Locale } from '$lib/i18n';
import type { UserView } from '@kengash/core/schemas';

declare global {
  namespace App {
    interface Locals {
      locale: Locale;
      user: UserView | null;
    }
    interface Error {
      message: string;
    }
    // interface PageData {}
    // interface PageState {}
    // interface Platform {}
  }

  /**
   * Installed by the production single process (apps/api): runs a request in-process
   * against Fastify, as from `remoteAddress` (the browser's address). When absent
   * (development), API calls go over HTTP to API_ORIGIN.
   */
  var __kengashApiFetch:
    | ((req: Request, client?: { remoteAddress?: string | undefined }) => Promise<Response>)
    | undefined;
}

export {};
