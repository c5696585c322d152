import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { recentMail } from '@kengash/core';

/** The dev mailbox: only registered outside production. */
const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/dev/mailbox',
    { schema: { tags: ['platform'], summary: 'Dev mailbox (not in production)' } },
    async () => ({
      items: await recentMail(app.db),
    }),
  );
};
export default routes;
