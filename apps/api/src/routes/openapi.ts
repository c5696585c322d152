/**
 * Pieces every route declaration uses, so the OpenAPI document says the same thing the
 * same way everywhere: the problem document of each error status, who may call.
 */
import type { FastifyInstance, RouteOptions } from 'fastify';
import { z } from 'zod';
import { problemView } from '@kengash/core/schemas';

const meaning = {
  400: 'Invalid input: the problem lists each field that is wrong',
  401: 'Not signed in',
  403: 'Signed in, but not allowed to do this (also: a cookie-carrying write from another origin)',
  404: 'Unknown, or hidden from this caller',
  409: 'Conflicts with the current state (duplicate, full, closed, wrong status)',
  413: 'The body is larger than 1 MiB',
  415: 'The body is not JSON (application/json)',
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

/**
 * `?lang=` on routes that answer text people wrote: the reader's languages, best first
 * (a language code, or a list in Accept-Language form). The auth plugin reads it.
 */
export const langQuery = z.object({
  lang: z
    .string()
    .max(200)
    .regex(/^[A-Za-z0-9*][A-Za-z0-9*\s,;=.-]*$/, 'Use a language code such as en or ru')
    .optional()
    .meta({
      description: 'The languages to answer in, best first (else Accept-Language)',
      example: 'ru',
    }),
});

const BODY_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Adds to every documented route the problems that the app's own machinery gives, so no
 * route has to remember them: 400 where params, query or a body are validated (an
 * unparseable JSON body is 400 too); for state-changing methods 403 (the cross-site
 * guard), 413 (the body limit) and 415 (a body that is not JSON). Routes list the
 * statuses their use-case gives. Register before the routes.
 */
export function declareAppProblems(app: FastifyInstance): void {
  app.addHook('onRoute', (route: RouteOptions) => {
    const schema = route.schema as
      | (Record<string, unknown> & { response?: Record<string, unknown>; hide?: boolean })
      | undefined;
    if (!schema?.response || schema.hide) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const writes = methods.some((m) => BODY_METHODS.has(m));
    const statuses: ErrorStatus[] = [];
    if (writes || schema.params || schema.querystring || schema.body) statuses.push(400);
    if (writes) statuses.push(403, 413, 415);
    route.schema = { ...schema, response: { ...errors(...statuses), ...schema.response } };
  });
}

type Json = Record<string, unknown>;
/**
 * Every zod schema with an id becomes a component twice (as read and as written); keep
 * the ones the document refers to, so a client generator meets no dead types.
 */
export function pruneUnusedSchemas<T extends Json>(doc: T): T {
  const components = doc.components as { schemas?: Record<string, unknown> } | undefined;
  const schemas = components?.schemas;
  if (!schemas) return doc;
  const used = new Set<string>();
  const prefix = '#/components/schemas/';
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(visit);
    if (!node || typeof node !== 'object') return;
    for (const [key, value] of Object.entries(node)) {
      if (key === '$ref' && typeof value === 'string' && value.startsWith(prefix)) {
        const name = value.slice(prefix.length);
        if (!used.has(name)) {
          used.add(name);
          visit(schemas[name]);
        }
      } else visit(value);
    }
  };
  visit({ ...doc, components: { ...components, schemas: {} } });
  return {
    ...doc,
    components: {
      ...components,
      schemas: Object.fromEntries(Object.entries(schemas).filter(([name]) => used.has(name))),
    },
  };
}
