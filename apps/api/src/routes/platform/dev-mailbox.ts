import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recentMail } from '@kengash/core';
import { devMailView } from '@kengash/core/schemas';
import { ok } from '../openapi.js';

/**
 * The dev mailbox: registered only while SMTP_URL is unset and NODE_ENV is not production
 * (otherwise the path is unknown: 404).
 */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dev/mailbox',
    {
      schema: {
        tags: ['platform'],
        operationId: 'devMailbox',
        summary: 'The dev mailbox (only without SMTP_URL, never in production)',
        security: [],
        querystring: z.object({ limit: z.coerce.number().int().min(1).max(500).optional() }),
        response: { 200: ok(z.object({ items: z.array(devMailView) }), 'Newest first') },
      },
    },
    async (request) => ({ items: await recentMail(app.db, request.query.limit ?? 100) }),
  );
};
export default routes;
