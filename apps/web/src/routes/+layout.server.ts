import { hasDevMailbox } from '$lib/server/load';
import type { LayoutServerLoad } from './$types';

export const load: LayoutServerLoad = async ({ locals, fetch }) => {
  return { locale: locals.locale, user: locals.user, devMailbox: await hasDevMailbox(fetch) };
};
