import fp from 'fastify-plugin';
import type { Database, Db } from '@kengash/db';
import type { Ctx } from '@kengash/core';
import type { Config } from '../config.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Db;
    /** The context every use-case takes. */
    ctx: Ctx;
  }
}

export default fp<{ config: Config; database: Database; onMailQueued?: () => void }>(
  async (app, opts) => {
    app.decorate('config', opts.config);
    app.decorate('database', opts.database);
    app.decorate('db', opts.database.db);
    app.decorate('ctx', {
      db: opts.database.db,
      publicUrl: opts.config.publicUrl,
      ...(opts.onMailQueued ? { onMailQueued: opts.onMailQueued } : {}),
    });
  },
  { name: 'db' },
);
