import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { sql } from 'drizzle-orm';
import { z } from 'zod';
import { errors, ok } from '../openapi.js';

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/health',
    {
      schema: {
        tags: ['platform'],
        operationId: 'health',
        summary: 'Readiness: the database answers',
        security: [],
        response: {
          200: ok(
            z.object({ status: z.literal('ok'), database: z.enum(['pglite', 'postgres']) }),
            'Ready',
          ),
          ...errors(429),
        },
      },
    },
    async () => {
      await app.db.execute(sql`select 1`);
      return { status: 'ok' as const, database: app.database.kind };
    },
  );
};
export default routes;
