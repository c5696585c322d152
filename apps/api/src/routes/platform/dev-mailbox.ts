import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { recentMail } from '@kengash/core';
import { instant } from '@kengash/core/schemas';
import { ok } from '../openapi.js';

const mailView = z
  .object({
    id: z.number().int(),
    kind: z.string(),
    to: z.string(),
    subject: z.string(),
    text: z.string(),
    html: z.string(),
    attachments: z.array(
      z.object({ filename: z.string(), contentType: z.string(), content: z.string() }),
    ),
    createdAt: instant,
    sentAt: instant.nullable(),
    attempts: z.number().int(),
    lastError: z.string().nullable(),
  })
  .meta({ id: 'DevMail' });

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
        response: { 200: ok(z.object({ items: z.array(mailView) }), 'Newest first') },
      },
    },
    async (request) => ({ items: await recentMail(app.db, request.query.limit ?? 100) }),
  );
};
export default routes;
