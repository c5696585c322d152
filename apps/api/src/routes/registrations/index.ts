import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  checkIn,
  decideRegistration,
  exportRegistrations,
  getMyRegistration,
  listRegistrations,
  registerDelegate,
  registrationStats,
} from '@kengash/core';
import {
  checkInInput,
  checkInView,
  myRegistrationView,
  registrationCreated,
  registrationFilter,
  registrationInput,
  registrationListView,
  registrationStatsView,
  registrationView,
} from '@kengash/core/schemas';
import { clientAndAddressLimit } from '../../rate-limits.js';
import { anyone, errors, idParams, ok, signedIn, slugParams } from '../openapi.js';

const tags = ['registration'];

/**
 * Enough for an office that registers its whole delegation (a ministry sending ten, an
 * agency twenty) and corrects a few mistakes; far too few to fill a meeting's seats with
 * invented addresses, or to probe many addresses for a 409, from one machine.
 */
export const REGISTRATION_LIMITS = {
  perClient: { max: 30, minutes: 60 },
  perAddress: { max: 5, minutes: 60 },
  what: 'registration',
};

const routes: FastifyPluginAsyncZod = async (app) => {
  const limit = clientAndAddressLimit(app, REGISTRATION_LIMITS);

  app.post(
    '/api/meetings/:slug/registrations',
    {
      schema: {
        tags,
        operationId: 'register',
        summary: 'Register for a meeting (no account needed)',
        description:
          'Open mode: confirmed while seats remain, else waitlisted. Approval mode: pending. At most 30 sign-ups an hour from one client and 5 an hour for one address (429).',
        security: anyone,
        params: slugParams,
        body: registrationInput,
        response: {
          201: ok(registrationCreated, 'Registered'),
          ...errors(400, 404, 409, 429),
        },
      },
      preHandler: limit,
    },
    async (request, reply) =>
      reply
        .status(201)
        .send(
          await registerDelegate({ ctx: app.ctx, slug: request.params.slug, data: request.body }),
        ),
  );

  app.get(
    '/api/meetings/:slug/registrations',
    {
      schema: {
        tags,
        operationId: 'listRegistrations',
        summary: 'Registrations of a meeting (organizer)',
        security: signedIn,
        params: slugParams,
        querystring: registrationFilter,
        response: {
          200: ok(registrationListView, 'In order of registration'),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return listRegistrations({
        ctx: app.ctx,
        actor: request.actor,
        slug: request.params.slug,
        filter: request.query,
      });
    },
  );

  app.get(
    '/api/meetings/:slug/registrations.csv',
    {
      schema: {
        tags,
        operationId: 'exportRegistrations',
        summary: 'Registrations as CSV (organizer)',
        security: signedIn,
        params: slugParams,
        response: {
          200: {
            description: 'UTF-8 with a byte-order mark, a header row, one row a registration',
            content: { 'text/csv': { schema: z.string() } },
          },
          ...errors(401, 403, 404),
        },
      },
    },
    async (request, reply) => {
      const csv = await exportRegistrations({
        ctx: app.ctx,
        actor: request.actor,
        slug: request.params.slug,
      });
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
    {
      schema: {
        tags,
        operationId: 'registrationStats',
        summary: 'Counts by status and country (organizer)',
        security: signedIn,
        params: slugParams,
        response: { 200: ok(registrationStatsView, 'The counts'), ...errors(401, 403, 404) },
      },
    },
    async (request) =>
      registrationStats({ ctx: app.ctx, actor: request.actor, slug: request.params.slug }),
  );

  app.get(
    '/api/meetings/:slug/registrations/me',
    {
      schema: {
        tags,
        operationId: 'getMyRegistration',
        summary: "The caller's registration, with check-in code and QR code",
        security: signedIn,
        params: slugParams,
        response: {
          200: ok(myRegistrationView, 'The registration'),
          ...errors(401, 404),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getMyRegistration({ ctx: app.ctx, actor: request.actor, slug: request.params.slug });
    },
  );

  for (const decision of ['approve', 'decline', 'cancel'] as const) {
    app.post(
      `/api/registrations/:id/${decision}`,
      {
        schema: {
          tags,
          operationId: `${decision}Registration`,
          summary:
            decision === 'cancel'
              ? 'Cancel a registration (its delegate or an organizer)'
              : `${decision === 'approve' ? 'Approve' : 'Decline'} a registration (organizer)`,
          security: signedIn,
          params: idParams('registration'),
          response: {
            200: ok(registrationView, 'The registration after the change'),
            ...errors(400, 401, 403, 404, 409),
          },
        },
      },
      async (request) =>
        decideRegistration({
          ctx: app.ctx,
          actor: request.actor,
          id: request.params.id,
          decision,
        }),
    );
  }

  app.post(
    '/api/meetings/:slug/check-in',
    {
      schema: {
        tags,
        operationId: 'checkIn',
        summary: 'Check a delegate in by code (organizer); idempotent',
        security: signedIn,
        params: slugParams,
        body: checkInInput,
        response: {
          200: ok(checkInView, 'Checked in (now or before)'),
          ...errors(400, 401, 403, 404, 409),
        },
      },
    },
    async (request) =>
      checkIn({
        ctx: app.ctx,
        actor: request.actor,
        slug: request.params.slug,
        code: request.body.code,
      }),
  );
};
export default routes;
