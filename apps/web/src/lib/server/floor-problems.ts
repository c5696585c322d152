/**
 * The floor's refusals (409) in the reader's language. The API says them in English; a
 * delegate reading the page in Russian should not be told "The list of speakers is closed".
 * Anything not known here is shown as the API says it.
 */
import type { Problem } from '$lib/api';

const known: [RegExp, string][] = [
  [/^The list of speakers is closed/, 'floor.error.closed'],
  [/^You have asked for the floor already/, 'floor.error.alreadyAsked'],
  [/^The session is cancelled/, 'floor.error.cancelled'],
  [/^Nobody has asked for the floor/, 'floor.error.nobody'],
  [/^A request that is \w+ (cannot be withdrawn|has no place in the list)/, 'floor.error.gone'],
];

/** The i18n key for a floor conflict, or null when it is not one of the known ones. */
export function floorConflictKey(problem: Problem): string | null {
  const detail = problem.detail ?? '';
  return known.find(([pattern]) => pattern.test(detail))?.[1] ?? null;
}
