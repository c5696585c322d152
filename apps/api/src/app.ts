/**
 * The Fastify application: plugins, error handling and routes. server.ts adds the
 * listening socket, the mail worker and the web pages; tests use buildApp() with inject().
 */
import Fastify, { type FastifyInstance, type FastifyServerFactory, LogController } from 'fastify';
import cookie from '@fastify/cookie';
import helmet from '@fastify/helmet';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import websocket from '@fastify/websocket';
import {
  jsonSchemaTransform,
  jsonSchemaTransformObject,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import type { Database } from '@kengash/db';
import { SESSION_COOKIE, VoteTallies, type Wakeups } from '@kengash/core';
import { trustFunction } from './client-address.js';
import type { Config } from './config.js';
import { type DataKey, resolveDataKey } from './data-key.js';
import authPlugin from './plugins/auth.js';
import dbPlugin from './plugins/db.js';
import { problem, sendProblem, toProblem } from './problem.js';
import accountRoutes from './routes/accounts/index.js';
import meetingRoutes from './routes/meetings/index.js';
import devMailboxRoutes from './routes/platform/dev-mailbox.js';
import healthRoutes from './routes/platform/health.js';
import { declareAppProblems, pruneUnusedSchemas } from './routes/openapi.js';
import registrationRoutes from './routes/registrations/index.js';
import sessionRoutes from './routes/sessions/index.js';
import calendarRoutes from './routes/calendars/index.js';
import floorRoutes from './routes/floor/index.js';
import questionRoutes from './routes/questions/index.js';
import liveRoutes from './routes/live/index.js';
import { LiveHub } from './live/hub.js';
import livePlugin from './live/plugin.js';

const openApiTags = [
  { name: 'accounts', description: 'Sign-in by e-mailed link, the session, the caller' },
  { name: 'meetings', description: 'Meetings: draft → published → closed' },
  { name: 'staff', description: 'Organizers, moderators and rapporteurs of a meeting' },
  { name: 'working groups', description: "A meeting's working groups" },
  { name: 'registration', description: 'Registration, seats, the waiting list and check-in' },
  { name: 'agenda', description: 'Sessions, planned speakers, bookmarks and agenda versions' },
  { name: 'calendars', description: 'iCalendar feeds: a meeting, a session, a private feed' },
  { name: 'audit', description: 'Every state change of a meeting' },
  { name: 'floor', description: 'The live list of speakers of a session' },
  { name: 'questions', description: 'The live Q&A of a session: questions, votes, moderation' },
  { name: 'live', description: 'The live channel of a session: floor and Q&A' },
  { name: 'platform', description: 'Health and development aids' },
];

export interface BuildOptions {
  config: Config;
  database: Database;
  /** Run after a change commits: the mail worker's and the live hub's wake-ups. */
  wake?: Wakeups;
  /** The data key (server.ts finds it); absent: DATA_KEY, else the database's own. */
  dataKey?: DataKey;
  logger?: boolean | object;
  /** For the production process: the HTTP server that also routes to the web pages. */
  serverFactory?: FastifyServerFactory;
  /** How often the live hub pings its viewers (and drops those that did not answer). */
  liveHeartbeatMs?: number;
  /** How long votes gather before one event carries their tallies (250 ms). */
  voteBatchMs?: number;
}

export async function buildApp(opts: BuildOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 1024 * 1024,
    trustProxy: trustFunction(opts.config.trustProxy),
    // server.ts logs one short line per request instead (the pages' in-process API calls
    // would otherwise log several each).
    logController: new LogController({ disableRequestLogging: true }),
    routerOptions: { ignoreTrailingSlash: true },
    ...(opts.serverFactory ? { serverFactory: opts.serverFactory } : {}),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);

  app.setErrorHandler((err, request, reply) => sendProblem(reply, toProblem(err, request)));
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, problem(404, `No route ${request.method} ${request.url.split('?')[0]}`)),
  );

  const hub = new LiveHub(
    opts.database.db,
    { warn: (obj, msg) => app.log.warn(obj, msg) },
    opts.liveHeartbeatMs,
  );
  // Vote tallies reach viewers batched: one event per session at most every voteBatchMs.
  const tallies = new VoteTallies(
    () => app.ctx,
    { warn: (obj, msg) => app.log.warn(obj, msg) },
    opts.voteBatchMs,
  );
  app.addHook('onClose', () => tallies.drain());
  await app.register(dbPlugin, {
    config: opts.config,
    database: opts.database,
    wake: { ...opts.wake, live: hub.wake, votes: tallies.note },
    dataKey:
      opts.dataKey ??
      (await resolveDataKey({ configured: opts.config.dataKey, database: opts.database })),
  });
  await app.register(livePlugin, { hub });
  await app.register(cookie);
  // The API answers JSON, CSV and calendars: nothing of it may run scripts or be framed.
  await app.register(helmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'none'"],
        frameAncestors: ["'none'"],
      },
    },
    xFrameOptions: { action: 'deny' },
    // HSTS only means something over https.
    ...(opts.config.publicUrl.startsWith('https:') ? {} : { strictTransportSecurity: false }),
  });
  await app.register(rateLimit, {
    global: false,
    errorResponseBuilder: (_req, ctx) => ({
      statusCode: 429,
      message: `Too many requests; try again in ${Math.ceil(ctx.ttl / 1000)} s`,
    }),
  });
  await app.register(websocket, { options: { maxPayload: 16 * 1024 } });
  declareAppProblems(app);
  await app.register(swagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'Kengash API',
        version: '0.2.0',
        description:
          'Meetings of intergovernmental expert councils: registration, agenda, live Q&A, site visits, recommendations. Errors are RFC 9457 problem documents. Texts people write (titles, descriptions) are answered in the language asked for (`?lang=`, else Accept-Language), with every language given under `translations`.',
        license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
      },
      servers: [{ url: opts.config.publicUrl, description: 'This Kengash' }],
      security: [{}, { session: [] }],
      tags: openApiTags,
      components: {
        securitySchemes: {
          session: {
            type: 'apiKey',
            in: 'cookie',
            name: SESSION_COOKIE,
            description: 'Set by POST /api/auth/verify',
          },
        },
      },
    },
    transform: jsonSchemaTransform,
    transformObject: (doc) => pruneUnusedSchemas(jsonSchemaTransformObject(doc)),
  });
  // The docs page is the one HTML the API serves: its own scripts and styles (Swagger UI
  // sets inline style attributes), the document it fetches, never in a frame.
  await app.register(swaggerUi, {
    routePrefix: '/api/docs',
    staticCSP:
      "default-src 'self'; base-uri 'self'; object-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'",
  });
  app.get('/api/openapi.json', { schema: { hide: true } }, async () => app.swagger());

  await app.register(authPlugin);
  await app.register(healthRoutes);
  await app.register(accountRoutes);
  await app.register(meetingRoutes);
  await app.register(registrationRoutes);
  await app.register(sessionRoutes);
  await app.register(calendarRoutes);
  await app.register(floorRoutes);
  await app.register(questionRoutes);
  await app.register(liveRoutes);
  if (opts.config.devMailbox) await app.register(devMailboxRoutes);
  return app;
}
