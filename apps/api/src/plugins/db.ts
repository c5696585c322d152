import fp from 'fastify-plugin';
import type { Database, Db } from '@kengash/db';
import type { Ctx, Wakeups } from '@kengash/core';
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

export default fp<{ config: Config; database: Database; wake?: Wakeups }>(
  async (app, opts) => {
    app.decorate('config', opts.config);
    app.decorate('database', opts.database);
    app.decorate('db', opts.database.db);
    app.decorate('ctx', {
      db: opts.database.db,
      dbKind: opts.database.kind,
      publicUrl: opts.config.publicUrl,
      changeNoticeDelayS: opts.config.changeNoticeDelayS,
      ...(opts.wake ? { wake: opts.wake } : {}),
    });
  },
  { name: 'db' },
);
