/**
 * The live list of speakers (the floor): delegates ask for the floor, the chair gives it,
 * reorders, closes or balances the list. Every change reaches the session's live viewers
 * as one `floor.updated` event.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getFloor,
  invalid,
  nextSpeaker,
  reorderFloor,
  requestFloor,
  setFloor,
  withdrawFloorRequest,
} from '@kengash/core';
import {
  floorReorderInput,
  floorRequestCreated,
  floorRequestInput,
  floorSettingsInput,
  floorView,
} from '@kengash/core/schemas';
import { registerLiveCommand } from '../../live/commands.js';
import { anyone, errors, idParams, noContent, ok, signedIn } from '../openapi.js';

const tags = ['floor'];
const sessionParams = idParams('session');
const requestParams = idParams('floor request');

/**
 * `{"type":"floor","action":…,"ref"}` frames on the live channel: the same use-cases, the
 * same rules and status codes as the HTTP calls; the ack's data is what HTTP answers.
 */
const floorFrame = z.discriminatedUnion('action', [
  floorRequestInput.extend({ action: z.literal('request') }),
  z.object({
    action: z.literal('withdraw'),
    id: z.uuid({ message: 'Not a valid floor request id' }),
  }),
  z.object({ action: z.literal('next') }),
  floorReorderInput.extend({
    action: z.literal('reorder'),
    id: z.uuid({ message: 'Not a valid floor request id' }),
  }),
  floorSettingsInput.extend({ action: z.literal('set') }),
]);

registerLiveCommand('floor', async ({ app, actor, session, frame }) => {
  const parsed = floorFrame.safeParse(frame);
  if (!parsed.success)
    throw invalid(
      parsed.error.issues.map((i) => ({ path: i.path.join('.') || 'action', message: i.message })),
    );
  const f = parsed.data;
  const ctx = app.ctx;
  const sessionId = session.session.id;
  switch (f.action) {
    case 'request':
      return requestFloor({ ctx, actor, sessionId, kind: f.kind });
    case 'withdraw':
      await withdrawFloorRequest({ ctx, actor, id: f.id, sessionId });
      return null;
    case 'next':
      return nextSpeaker({ ctx, actor, sessionId });
    case 'reorder':
      return reorderFloor({ ctx, actor, id: f.id, position: f.position, sessionId });
    case 'set':
      return setFloor({
        ctx,
        actor,
        sessionId,
        settings: { open: f.open, balanced: f.balanced, speakingMinutes: f.speakingMinutes },
      });
  }
});

const routes: FastifyPluginAsyncZod = async (app) => {
  app.post(
    '/api/sessions/:id/floor',
    {
      schema: {
        tags,
        operationId: 'requestFloor',
        summary: 'Ask for the floor (confirmed registrant)',
        description:
          'A point of order goes to the head of the list, a statement after the last statement, a reply after the statements; a balanced list is ordered anew. A closed list, a cancelled session, or a second waiting request of the same delegate → 409.',
        security: signedIn,
        params: sessionParams,
        body: floorRequestInput,
        response: {
          201: ok(floorRequestCreated, 'On the list, at this place'),
          ...errors(401, 403, 404, 409),
        },
      },
      // No body at all asks for a statement, as `{}` does.
      preValidation: async (request) => {
        request.body ??= {};
      },
    },
    async (request, reply) =>
      reply.status(201).send(
        await requestFloor({
          ctx: app.ctx,
          actor: request.actor,
          sessionId: request.params.id,
          kind: request.body.kind,
        }),
      ),
  );

  app.get(
    '/api/sessions/:id/floor',
    {
      schema: {
        tags,
        operationId: 'getFloor',
        summary: 'Who has the floor, and who waits',
        description:
          'The same for everyone who may see the session; a signed-in caller also gets her own request (`mine`), a moderator the speaking time per delegation (`speakingTotals`).',
        security: anyone,
        params: sessionParams,
        response: { 200: ok(floorView, 'The floor'), ...errors(404) },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return getFloor({ ctx: app.ctx, actor: request.actor, sessionId: request.params.id });
    },
  );

  app.post(
    '/api/sessions/:id/floor/next',
    {
      schema: {
        tags,
        operationId: 'nextSpeaker',
        summary: 'Give the floor to the head of the list (moderator)',
        description:
          'The one speaking is done; the head of the list gets the floor, with its timer (a statement the session’s speaking minutes, a reply or point of order less). Nobody speaking and nobody waiting → 409.',
        security: signedIn,
        params: sessionParams,
        response: { 200: ok(floorView, 'The floor'), ...errors(401, 403, 404, 409) },
      },
    },
    async (request) =>
      nextSpeaker({ ctx: app.ctx, actor: request.actor, sessionId: request.params.id }),
  );

  app.patch(
    '/api/sessions/:id/floor',
    {
      schema: {
        tags,
        operationId: 'setFloor',
        summary: 'Close, reopen or balance the list; set the speaking time (moderator)',
        description:
          'Switching `balanced` on orders the waiting list anew: points of order first, then statements alternating participant types (first come within each), then replies.',
        security: signedIn,
        params: sessionParams,
        body: floorSettingsInput,
        response: { 200: ok(floorView, 'The floor'), ...errors(401, 403, 404) },
      },
    },
    async (request) =>
      setFloor({
        ctx: app.ctx,
        actor: request.actor,
        sessionId: request.params.id,
        settings: request.body,
      }),
  );

  app.patch(
    '/api/floor/:id',
    {
      schema: {
        tags,
        operationId: 'reorderFloor',
        summary: 'Move a waiting request to another place (moderator)',
        description: 'A place past the end of the list → 400; a request that is not waiting → 409.',
        security: signedIn,
        params: requestParams,
        body: floorReorderInput,
        response: { 200: ok(floorView, 'The floor, reordered'), ...errors(401, 403, 404, 409) },
      },
    },
    async (request) =>
      reorderFloor({
        ctx: app.ctx,
        actor: request.actor,
        id: request.params.id,
        position: request.body.position,
      }),
  );

  app.delete(
    '/api/floor/:id',
    {
      schema: {
        tags,
        operationId: 'withdrawFloorRequest',
        summary: 'Withdraw a waiting request (its delegate or a moderator)',
        security: signedIn,
        params: requestParams,
        response: {
          204: noContent('Withdrawn; the list closes up'),
          ...errors(401, 403, 404, 409),
        },
      },
    },
    async (request, reply) => {
      await withdrawFloorRequest({ ctx: app.ctx, actor: request.actor, id: request.params.id });
      return reply.status(204).send();
    },
  );
};
export default routes;
