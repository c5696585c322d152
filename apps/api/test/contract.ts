/**
 * The OpenAPI document as a validating proxy would hold it against real traffic: every
 * answer the suite's inject() calls receive must be one the document declares for that
 * operation — the status, the media type and a body that its JSON schema accepts. The
 * harness wraps inject() with it, so a route whose document lies fails the test that
 * called it.
 */
import { createHash } from 'node:crypto';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';

type Json = Record<string, unknown>;
interface MediaType {
  schema?: Json;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
}
interface OpenApi {
  paths: Record<string, Record<string, { responses?: Record<string, ResponseObject> }>>;
  components?: Json;
}

// One Ajv for the file: compiled validators are kept by schema, across the file's apps.
const ajv = new Ajv2020({ strict: false, allErrors: true, validateFormats: true });
addFormats.default(ajv);
const validators = new Map<string, ValidateFunction>();
// Documents by the routes they describe: generating one takes a few hundred milliseconds.
const documents = new Map<string, { api: OpenApi; componentsKey: string }>();

function validatorFor(schema: Json, components: Json | undefined, componentsKey: string) {
  const key = `${componentsKey}|${JSON.stringify(schema)}`;
  let validate = validators.get(key);
  if (!validate) {
    // The document's components ride along, so `#/components/schemas/X` resolves.
    validate = ajv.compile({ ...schema, ...(components ? { components } : {}) });
    validators.set(key, validate);
  }
  return validate;
}

/** Fastify's `/a/:b` as the document writes it: `/a/{b}`. */
const openApiPath = (url: string) => url.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

interface Matched {
  method: string;
  url: string | undefined;
  hidden: boolean;
}

export class ContractViolation extends Error {}

/**
 * Wraps `app.inject` so that each answer is checked against the app's own OpenAPI
 * document. The chained form (inject() without options) is left as it is.
 */
export function enforceContract(app: FastifyInstance): void {
  const matched = new WeakMap<object, Matched>();
  app.addHook('onSend', async (request, _reply, payload) => {
    const schema = request.routeOptions.schema as { hide?: boolean } | undefined;
    matched.set(request.raw, {
      method: request.method,
      url: request.routeOptions.url,
      hidden: schema?.hide === true,
    });
    return payload;
  });

  let doc: { api: OpenApi; componentsKey: string } | undefined;
  const document = () => {
    if (doc) return doc;
    const routes = app.printRoutes({ commonPrefix: false, includeHooks: false });
    doc = documents.get(routes);
    if (!doc) {
      const api = app.swagger() as unknown as OpenApi;
      const componentsKey = createHash('sha1')
        .update(JSON.stringify(api.components ?? {}))
        .digest('hex');
      doc = { api, componentsKey };
      documents.set(routes, doc);
    }
    return doc;
  };

  const original = app.inject.bind(app) as (...args: unknown[]) => unknown;
  (app as { inject: unknown }).inject = (...args: unknown[]) => {
    if (args.length === 0 || typeof args[1] === 'function') return original(...args);
    return (original(...args) as Promise<LightMyRequestResponse>).then((res) => {
      const route = matched.get(res.raw.req);
      if (route && !route.hidden) check(document(), route, res);
      return res;
    });
  };
}

function check(
  { api, componentsKey }: { api: OpenApi; componentsKey: string },
  route: Matched,
  res: LightMyRequestResponse,
): void {
  const where = `${route.method} ${route.url ?? res.raw.req.url} → ${res.statusCode}`;
  const fail = (why: string): never => {
    throw new ContractViolation(
      `The OpenAPI document does not describe this answer (${where}): ${why}\n${res.body.slice(0, 800)}`,
    );
  };
  if (route.method === 'HEAD') return;

  let declared: ResponseObject | undefined;
  if (route.url === undefined) {
    // No route: the not-found handler's problem document.
    if (res.statusCode !== 404) fail('an unknown path must answer 404');
    declared = {
      content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
    };
  } else {
    const operation = api.paths[openApiPath(route.url)]?.[route.method.toLowerCase()];
    if (!operation) fail('the operation is not in the document');
    declared =
      operation!.responses?.[String(res.statusCode)] ??
      operation!.responses?.[`${String(res.statusCode)[0]}XX`] ??
      operation!.responses?.default;
    if (!declared) fail(`status ${res.statusCode} is not declared`);
  }

  const mediaType = String(res.headers['content-type'] ?? '')
    .split(';')[0]!
    .trim()
    .toLowerCase();
  const content = declared!.content;
  if (!content || Object.keys(content).length === 0) {
    if (res.rawPayload.length > 0) fail('a body where the document declares none');
    return;
  }
  const media = content[mediaType];
  if (!media) fail(`media type "${mediaType}" is not declared (${Object.keys(content)})`);
  if (!media!.schema) return;

  const body: unknown = mediaType.endsWith('json') ? parseJson(res.body, fail) : res.body;
  const validate = validatorFor(media!.schema, api.components, componentsKey);
  if (!validate(body))
    fail(
      (validate.errors ?? [])
        .map((e) => `${e.instancePath || '(body)'} ${e.message} ${JSON.stringify(e.params)}`)
        .join('; '),
    );
}

function parseJson(text: string, fail: (why: string) => never): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return fail('the body is not JSON');
  }
}
