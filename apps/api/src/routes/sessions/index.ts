/**
 * The agenda: a meeting's sessions, their planned speakers, the delegates' bookmarks and
 * the published agenda versions (the public changelog).
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import {
  bookmarkSession,
  cancelSession,
  createSession,
  getSession,
  listAgendaVersions,
  listSessions,
  myAgenda,
  publishAgendaVersion,
  setSpeakers,
  unbookmarkSession,
  updateSession,
} from '@kengash/core';
import {
  agendaVersionInput,
  agendaVersionList,
  agendaVersionView,
  myAgendaQuery,
  sessionCreate,
  sessionList,
  sessionListQuery,
  sessionUpdate,
  sessionView,
  speakerList,
  speakersInput,
} from '@kengash/core/schemas';
import {
  anyone,
  errors,
  idParams,
  langQuery,
  noContent,
  ok,
  signedIn,
  slugParams,
} from '../openapi.js';

const tags = ['agenda'];
const sessionParams = idParams('session');

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/meetings/:slug/sessions',
    {
      schema: {
        tags,
        operationId: 'listSessions',
        summary: "A meeting's agenda, by start time",
        description:
          'Cancelled sessions stay in the list with `status: "cancelled"`. `onlineUrl` is given to confirmed registrants and staff only; `bookmarked` to signed-in callers.',
        security: anyone,
        params: slugParams,
        querystring: langQuery.extend(sessionListQuery.shape),
        response: { 200: ok(sessionList, 'The sessions, earliest first'), ...errors(404) },
      },
    },
    async (request) => ({
      items: await listSessions({
        ctx: app.ctx,
        actor: request.actor,
        slug: request.params.slug,
        langs: request.langs,
        kind: request.query.kind,
        workingGroup: request.query.workingGroup,
      }),
    }),
  );

  app.post(
    '/api/meetings/:slug/sessions',
    {
      schema: {
        tags,
        operationId: 'createSession',
        summary: 'Add a session to the agenda (organizer)',
        description:
          'Outside the meeting or ending before it starts → 400; a room held by a scheduled session at an overlapping time → 409 naming that session.',
        security: signedIn,
        params: slugParams,
        querystring: langQuery,
        body: sessionCreate,
        response: {
          201: ok(sessionView, 'The new session, scheduled, sequence 0'),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createSession({
          ctx: app.ctx,
          actor: request.actor,
          slug: request.params.slug,
          data: request.body,
          langs: request.langs,
        }),
      ),
  );

  app.get(
    '/api/sessions/:id',
    {
      schema: {
        tags,
        operationId: 'getSession',
        summary: 'One session with its planned speakers',
        security: anyone,
        params: sessionParams,
        querystring: langQuery,
        response: { 200: ok(sessionView, 'The session'), ...errors(404) },
      },
    },
    async (request) =>
      getSession({
        ctx: app.ctx,
        actor: request.actor,
        id: request.params.id,
        langs: request.langs,
      }),
  );

  app.patch(
    '/api/sessions/:id',
    {
      schema: {
        tags,
        operationId: 'updateSession',
        summary: 'Change a session (organizer)',
        description:
          'A change of time, room or title adds 1 to `sequence` and e-mails every delegate who bookmarked the session; changes within CHANGE_NOTICE_DELAY_S reach her as one e-mail. A cancelled session cannot be changed (409).',
        security: signedIn,
        params: sessionParams,
        querystring: langQuery,
        body: sessionUpdate,
        response: {
          200: ok(sessionView, 'The session as changed'),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) =>
      updateSession({
        ctx: app.ctx,
        actor: request.actor,
        id: request.params.id,
        data: request.body,
        langs: request.langs,
      }),
  );

  app.post(
    '/api/sessions/:id/cancel',
    {
      schema: {
        tags,
        operationId: 'cancelSession',
        summary: 'Cancel a session (organizer); it stays on the agenda as cancelled',
        description:
          'Frees its room, adds 1 to `sequence` and e-mails the delegates who bookmarked it. Cancelling it again → 409.',
        security: signedIn,
        params: sessionParams,
        querystring: langQuery,
        response: {
          200: ok(sessionView, 'The cancelled session'),
          ...errors(401, 403, 404, 409),
        },
      },
    },
    async (request) =>
      cancelSession({
        ctx: app.ctx,
        actor: request.actor,
        id: request.params.id,
        langs: request.langs,
      }),
  );

  app.put(
    '/api/sessions/:id/speakers',
    {
      schema: {
        tags,
        operationId: 'setSpeakers',
        summary: 'Replace the planned speakers of a session (organizer), in order',
        security: signedIn,
        params: sessionParams,
        body: speakersInput,
        response: {
          200: ok(speakerList, 'The speakers in the given order'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request) => ({
      items: await setSpeakers({
        ctx: app.ctx,
        actor: request.actor,
        id: request.params.id,
        speakers: request.body,
      }),
    }),
  );

  app.put(
    '/api/sessions/:id/bookmark',
    {
      schema: {
        tags,
        operationId: 'bookmarkSession',
        summary: "Add a session to the caller's agenda; idempotent",
        security: signedIn,
        params: sessionParams,
        response: { 204: noContent('Bookmarked'), ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      await bookmarkSession({ ctx: app.ctx, actor: request.actor, id: request.params.id });
      return reply.status(204).send();
    },
  );

  app.delete(
    '/api/sessions/:id/bookmark',
    {
      schema: {
        tags,
        operationId: 'unbookmarkSession',
        summary: "Take a session off the caller's agenda; idempotent",
        security: signedIn,
        params: sessionParams,
        response: { 204: noContent('Not bookmarked (any more)'), ...errors(401, 404) },
      },
    },
    async (request, reply) => {
      await unbookmarkSession({ ctx: app.ctx, actor: request.actor, id: request.params.id });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me/agenda',
    {
      schema: {
        tags,
        operationId: 'myAgenda',
        summary: "The caller's bookmarked sessions of a meeting",
        security: signedIn,
        querystring: langQuery.extend(myAgendaQuery.shape),
        response: {
          200: ok(sessionList, 'The bookmarked sessions, earliest first'),
          ...errors(401, 404),
        },
      },
    },
    async (request) => ({
      items: await myAgenda({
        ctx: app.ctx,
        actor: request.actor,
        slug: request.query.meeting,
        langs: request.langs,
      }),
    }),
  );

  app.post(
    '/api/meetings/:slug/agenda/versions',
    {
      schema: {
        tags,
        operationId: 'publishAgendaVersion',
        summary: 'Publish the agenda as it stands as the next version (organizer)',
        description:
          'The changes are measured against the previous version: a new session is `added` (every one, the first time), a changed time or room `moved`, a changed title or kind `changed`, a cancelled one `cancelled`.',
        security: signedIn,
        params: slugParams,
        querystring: langQuery,
        body: agendaVersionInput.nullish(),
        response: {
          201: ok(agendaVersionView, 'The published version and its changes'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await publishAgendaVersion({
          ctx: app.ctx,
          actor: request.actor,
          slug: request.params.slug,
          name: request.body?.name,
          langs: request.langs,
        }),
      ),
  );

  app.get(
    '/api/meetings/:slug/agenda/versions',
    {
      schema: {
        tags,
        operationId: 'listAgendaVersions',
        summary: 'The published agenda versions, newest first: the public changelog',
        security: anyone,
        params: slugParams,
        querystring: langQuery,
        response: { 200: ok(agendaVersionList, 'The versions, newest first'), ...errors(404) },
      },
    },
    async (request) => ({
      items: await listAgendaVersions({
        ctx: app.ctx,
        actor: request.actor,
        slug: request.params.slug,
        langs: request.langs,
      }),
    }),
  );
};

export default routes;
