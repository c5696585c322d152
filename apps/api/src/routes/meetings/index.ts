import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createMeeting,
  createWorkingGroup,
  deleteWorkingGroup,
  getMeeting,
  listAudit,
  listMeetings,
  listStaff,
  listWorkingGroups,
  putStaff,
  removeStaff,
  setMeetingStatus,
  updateMeeting,
  updateWorkingGroup,
} from '@kengash/core';
import {
  auditItemView,
  items,
  meetingCreate,
  meetingUpdate,
  meetingView,
  staffInput,
  staffView,
  workingGroupInput,
  workingGroupUpdate,
  workingGroupView,
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

const tags = ['meetings'];
const wgParams = slugParams.extend(idParams('working group').shape);

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/meetings',
    {
      schema: {
        tags,
        operationId: 'listMeetings',
        summary: 'Published and past meetings, and those the caller staffs',
        security: anyone,
        querystring: langQuery,
        response: { 200: ok(items(meetingView), 'The meetings, earliest first') },
      },
    },
    async (request) => ({
      items: await listMeetings({ ctx: app.ctx, actor: request.actor, langs: request.langs }),
    }),
  );

  app.post(
    '/api/meetings',
    {
      schema: {
        tags,
        operationId: 'createMeeting',
        summary: 'Create a meeting (admin); it starts as a draft',
        security: signedIn,
        querystring: langQuery,
        body: meetingCreate,
        response: { 201: ok(meetingView, 'The new draft'), ...errors(400, 401, 403, 409) },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createMeeting({
          ctx: app.ctx,
          actor: request.actor,
          data: request.body,
          langs: request.langs,
        }),
      ),
  );

  app.get(
    '/api/meetings/:slug',
    {
      schema: {
        tags,
        operationId: 'getMeeting',
        summary: 'One meeting with its seat counts and what the caller may do',
        security: anyone,
        querystring: langQuery,
        params: slugParams,
        response: { 200: ok(meetingView, 'The meeting'), ...errors(404) },
      },
    },
    async (request) =>
      getMeeting({
        ctx: app.ctx,
        actor: request.actor,
        slug: request.params.slug,
        langs: request.langs,
      }),
  );

  app.patch(
    '/api/meetings/:slug',
    {
      schema: {
        tags,
        operationId: 'updateMeeting',
        summary: 'Change a meeting (organizer)',
        description:
          'A capacity below the confirmed count is refused with 409; a higher capacity (or maxPerCountry) promotes from the waiting list at once.',
        security: signedIn,
        querystring: langQuery,
        params: slugParams,
        body: meetingUpdate,
        response: { 200: ok(meetingView, 'The meeting'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request) =>
      updateMeeting({
        ctx: app.ctx,
        actor: request.actor,
        slug: request.params.slug,
        data: request.body,
        langs: request.langs,
      }),
  );

  for (const transition of ['publish', 'close'] as const) {
    app.post(
      `/api/meetings/:slug/${transition}`,
      {
        schema: {
          tags,
          operationId: `${transition}Meeting`,
          summary: `${transition === 'publish' ? 'Publish' : 'Close'} a meeting (organizer)`,
          security: signedIn,
          querystring: langQuery,
          params: slugParams,
          response: { 200: ok(meetingView, 'The meeting'), ...errors(401, 403, 404, 409) },
        },
      },
      async (request) =>
        setMeetingStatus({
          ctx: app.ctx,
          actor: request.actor,
          slug: request.params.slug,
          transition,
          langs: request.langs,
        }),
    );
  }

  app.get(
    '/api/meetings/:slug/staff',
    {
      schema: {
        tags: ['staff'],
        operationId: 'listStaff',
        summary: 'Staff of a meeting (organizer)',
        security: signedIn,
        params: slugParams,
        response: { 200: ok(items(staffView), 'The staff'), ...errors(401, 403, 404) },
      },
    },
    async (request) => ({
      items: await listStaff({ ctx: app.ctx, actor: request.actor, slug: request.params.slug }),
    }),
  );
  app.put(
    '/api/meetings/:slug/staff',
    {
      schema: {
        tags: ['staff'],
        operationId: 'putStaff',
        summary: 'Give a role (organizer); idempotent',
        security: signedIn,
        params: slugParams,
        body: staffInput,
        response: { 200: ok(staffView, 'The role is given'), ...errors(400, 401, 403, 404) },
      },
    },
    async (request) =>
      putStaff({ ctx: app.ctx, actor: request.actor, slug: request.params.slug, ...request.body }),
  );
  app.delete(
    '/api/meetings/:slug/staff',
    {
      schema: {
        tags: ['staff'],
        operationId: 'removeStaff',
        summary: 'Take a role away (organizer); the last organizer stays',
        security: signedIn,
        params: slugParams,
        body: staffInput,
        response: { 204: noContent('The role is taken away'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await removeStaff({
        ctx: app.ctx,
        actor: request.actor,
        slug: request.params.slug,
        ...request.body,
      });
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/meetings/:slug/working-groups',
    {
      schema: {
        tags: ['working groups'],
        operationId: 'createWorkingGroup',
        summary: 'Add a working group (organizer)',
        security: signedIn,
        querystring: langQuery,
        params: slugParams,
        body: workingGroupInput,
        response: {
          201: ok(workingGroupView, 'The new working group'),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await createWorkingGroup({
          ctx: app.ctx,
          actor: request.actor,
          slug: request.params.slug,
          langs: request.langs,
          ...request.body,
        }),
      ),
  );
  app.get(
    '/api/meetings/:slug/working-groups',
    {
      schema: {
        tags: ['working groups'],
        operationId: 'listWorkingGroups',
        summary: 'Working groups of a meeting',
        security: anyone,
        querystring: langQuery,
        params: slugParams,
        response: { 200: ok(items(workingGroupView), 'By code'), ...errors(404) },
      },
    },
    async (request) => ({
      items: await listWorkingGroups({
        ctx: app.ctx,
        actor: request.actor,
        slug: request.params.slug,
        langs: request.langs,
      }),
    }),
  );
  app.patch(
    '/api/meetings/:slug/working-groups/:id',
    {
      schema: {
        tags: ['working groups'],
        operationId: 'updateWorkingGroup',
        summary: 'Rename or recode a working group (organizer)',
        security: signedIn,
        querystring: langQuery,
        params: wgParams,
        body: workingGroupUpdate,
        response: {
          200: ok(workingGroupView, 'The working group'),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) =>
      updateWorkingGroup({
        ctx: app.ctx,
        actor: request.actor,
        slug: request.params.slug,
        id: request.params.id,
        langs: request.langs,
        ...request.body,
      }),
  );
  app.delete(
    '/api/meetings/:slug/working-groups/:id',
    {
      schema: {
        tags: ['working groups'],
        operationId: 'deleteWorkingGroup',
        summary: 'Remove a working group nothing refers to (organizer)',
        security: signedIn,
        params: wgParams,
        response: { 204: noContent('Removed'), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (request, reply) => {
      await deleteWorkingGroup({
        ctx: app.ctx,
        actor: request.actor,
        slug: request.params.slug,
        id: request.params.id,
      });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/meetings/:slug/audit',
    {
      schema: {
        tags: ['audit'],
        operationId: 'listAudit',
        summary: 'Every state change of the meeting, newest first (organizer)',
        security: signedIn,
        params: slugParams,
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(5000).optional() }),
        response: { 200: ok(items(auditItemView), 'Newest first'), ...errors(401, 403, 404) },
      },
    },
    async (request) => ({
      items: await listAudit({
        ctx: app.ctx,
        actor: request.actor,
        slug: request.params.slug,
        ...(request.query.limit ? { limit: request.query.limit } : {}),
      }),
    }),
  );
};
export default routes;
