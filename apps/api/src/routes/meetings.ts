import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  createMeeting,
  createWorkingGroup,
  fillSeatsAfterChange,
  getMeeting,
  listMeetings,
  listStaff,
  listWorkingGroups,
  meetingAudit,
  meetingCreate,
  meetingUpdate,
  putStaff,
  removeStaff,
  setMeetingStatus,
  staffInput,
  updateMeeting,
  workingGroupInput,
} from '@kengash/core';

const slugParams = z.object({ slug: z.string().max(100) });
const tags = ['meetings'];

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/meetings',
    { schema: { tags, summary: 'Published meetings and those the caller staffs' } },
    async (request) => ({
      items: await listMeetings(app.ctx, request.actor),
    }),
  );

  app.post(
    '/api/meetings',
    {
      schema: {
        tags,
        summary: 'Create a meeting (admin); it starts as a draft',
        body: meetingCreate,
      },
    },
    async (request, reply) =>
      reply.status(201).send(await createMeeting(app.ctx, request.actor, request.body)),
  );

  app.get(
    '/api/meetings/:slug',
    { schema: { tags, summary: 'One meeting with its seat counts', params: slugParams } },
    async (request) => getMeeting(app.ctx, request.params.slug, request.actor),
  );

  app.patch(
    '/api/meetings/:slug',
    {
      schema: {
        tags,
        summary: 'Change a meeting (organizer)',
        params: slugParams,
        body: meetingUpdate,
      },
    },
    async (request) =>
      updateMeeting(
        app.ctx,
        request.actor,
        request.params.slug,
        request.body,
        fillSeatsAfterChange(app.config.publicUrl),
      ),
  );

  for (const action of ['publish', 'close'] as const) {
    app.post(
      `/api/meetings/:slug/${action}`,
      {
        schema: {
          tags,
          summary: `${action === 'publish' ? 'Publish' : 'Close'} a meeting (organizer)`,
          params: slugParams,
        },
      },
      async (request) => setMeetingStatus(app.ctx, request.actor, request.params.slug, action),
    );
  }

  app.get(
    '/api/meetings/:slug/staff',
    { schema: { tags, summary: 'Staff of a meeting (organizer)', params: slugParams } },
    async (request) => ({ items: await listStaff(app.ctx, request.actor, request.params.slug) }),
  );
  app.put(
    '/api/meetings/:slug/staff',
    { schema: { tags, summary: 'Give a role (organizer)', params: slugParams, body: staffInput } },
    async (request) => putStaff(app.ctx, request.actor, request.params.slug, request.body),
  );
  app.delete(
    '/api/meetings/:slug/staff',
    {
      schema: {
        tags,
        summary: 'Take a role away (organizer)',
        params: slugParams,
        body: staffInput,
      },
    },
    async (request, reply) => {
      await removeStaff(app.ctx, request.actor, request.params.slug, request.body);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/meetings/:slug/working-groups',
    {
      schema: {
        tags,
        summary: 'Add a working group (organizer)',
        params: slugParams,
        body: workingGroupInput,
      },
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(await createWorkingGroup(app.ctx, request.actor, request.params.slug, request.body)),
  );
  app.get(
    '/api/meetings/:slug/working-groups',
    { schema: { tags, summary: 'Working groups of a meeting', params: slugParams } },
    async (request) => ({
      items: await listWorkingGroups(app.ctx, request.actor, request.params.slug),
    }),
  );

  app.get(
    '/api/meetings/:slug/audit',
    {
      schema: {
        tags: ['audit'],
        summary: 'Every state change of the meeting, newest first (organizer)',
        params: slugParams,
      },
    },
    async (request) => ({ items: await meetingAudit(app.ctx, request.actor, request.params.slug) }),
  );
};
export default routes;
