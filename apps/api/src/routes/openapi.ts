/**
 * Pieces every route declaration uses, so the OpenAPI document says the same thing the
 * same way everywhere: the problem document of each error status, who may call.
 */
import { z } from 'zod';
import { problemView } from '@kengash/core/schemas';

const meaning = {
  400: 'Invalid input: the problem lists each field that is wrong',
  401: 'Not signed in',
  403: 'Signed in, but not allowed to do this',
  404: 'Unknown, or hidden from this caller',
  409: 'Conflicts with the current state (duplicate, full, closed, wrong status)',
  413: 'The body is larger than 1 MiB',
  429: 'Too many requests; try again later',
} as const;
export type ErrorStatus = keyof typeof meaning;

const problemResponse = (status: ErrorStatus) => ({
  description: meaning[status],
  content: { 'application/problem+json': { schema: problemView } },
});

/** The problem responses a route can give. */
export function errors(...statuses: ErrorStatus[]) {
  return Object.fromEntries(statuses.map((s) => [s, problemResponse(s)])) as Record<
    ErrorStatus,
    ReturnType<typeof problemResponse>
  >;
}

/** A JSON answer with its description. */
export const ok = <T extends z.ZodType>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

/** 204: no body. */
export const noContent = (description: string) => z.undefined().describe(description);

type Security = { [scheme: string]: string[] }[];
/** Signed-in callers only (the session cookie). */
export const signedIn: Security = [{ session: [] }];
/** Anyone; a session cookie, if sent, may show more. */
export const anyone: Security = [{}, { session: [] }];

export const slugParams = z.object({ slug: z.string().max(100) });
export const idParams = (what: string) =>
  z.object({ id: z.uuid({ message: `Not a valid ${what} id` }) });
