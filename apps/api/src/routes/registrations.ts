import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  checkIn,
  checkInInput,
  decideRegistration,
  listRegistrations,
  myRegistration,
  register,
  registrationInput,
  registrationsCsv,
  registrationStats,
  registrationStatuses,
} from '@kengash/core';
import { requireActor } from '../plugins/auth.js';

const slugParams = z.object({ slug: z.string().max(100) });
const idParams = z.object({ id: z.uuid({ message: 'Not a registration id' }) });
const tags = ['registration'];

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/meetings/:slug/registrations',
    {
      schema: {
        tags,
        summary: 'Register for a meeting (no account needed)',
        params: slugParams,
        body: registrationInput,
        response: {
          201: z.object({
            id: z.string(),
            status: z.enum(registrationStatuses),
            waitlistPosition: z.number().int().optional(),
          }),
        },
      },
    },
    async (request, reply) =>
      reply.status(201).send(await register(app.ctx, request.params.slug, request.body)),
  );

  app.get(
    '/api/meetings/:slug/registrations',
    {
      schema: {
        tags,
        summary: 'Registrations of a meeting (organizer)',
        params: slugParams,
        querystring: z.object({
          status: z.enum(registrationStatuses).optional(),
          country: z.string().max(2).optional(),
          q: z.string().max(200).optional(),
        }),
      },
    },
    async (request) => ({
      items: await listRegistrations(app.ctx, request.actor, request.params.slug, request.query),
    }),
  );

  app.get(
    '/api/meetings/:slug/registrations.csv',
    { schema: { tags, summary: 'Registrations as CSV (organizer)', params: slugParams } },
    async (request, reply) => {
      const csv = await registrationsCsv(app.ctx, request.actor, request.params.slug);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          `attachment; filename="${request.params.slug}-registrations.csv"`,
        )
        .header('cache-control', 'no-store')
        .send(csv);
    },
  );

  app.get(
    '/api/meetings/:slug/registrations/stats',
    { schema: { tags, summary: 'Counts by status and country (organizer)', params: slugParams } },
    async (request) => registrationStats(app.ctx, request.actor, request.params.slug),
  );

  app.get(
    '/api/meetings/:slug/registrations/me',
    {
      schema: {
        tags,
        summary: "The caller's registration, with check-in code and QR",
        params: slugParams,
      },
    },
    async (request, reply) => {
      const actor = requireActor(request);
      reply.header('cache-control', 'no-store');
      return myRegistration(app.ctx, actor, request.params.slug);
    },
  );

  for (const decision of ['approve', 'decline', 'cancel'] as const) {
    app.post(
      `/api/registrations/:id/${decision}`,
      {
        schema: {
          tags,
          summary:
            decision === 'cancel'
              ? 'Cancel a registration (its delegate or an organizer)'
              : `${decision === 'approve' ? 'Approve' : 'Decline'} a pending registration (organizer)`,
          params: idParams,
        },
      },
      async (request) => decideRegistration(app.ctx, request.actor, request.params.id, decision),
    );
  }

  app.post(
    '/api/meetings/:slug/check-in',
    {
      schema: {
        tags,
        summary: 'Check a delegate in by code (organizer); idempotent',
        params: slugParams,
        body: checkInInput,
      },
    },
    async (request) => checkIn(app.ctx, request.actor, request.params.slug, request.body.code),
  );
};
export default routes;
