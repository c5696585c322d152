import fp from 'fastify-plugin';
import type { Database, Db } from '@kengash/db';
import type { Ctx, Wakeups } from '@kengash/core';
import type { Config } from '../config.js';
import { type DataKey, purposeKeys } from '../data-key.js';

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    db: Db;
    /** Where the data key came from; 'database' keeps no secret from the database's reader. */
    dataKeySource: DataKey['source'];
    /** The context every use-case takes. */
    ctx: Ctx;
  }
}

export default fp<{ config: Config; database: Database; wake?: Wakeups; dataKey: DataKey }>(
  async (app, opts) => {
    app.decorate('config', opts.config);
    app.decorate('database', opts.database);
    app.decorate('db', opts.database.db);
    app.decorate('dataKeySource', opts.dataKey.source);
    app.decorate('ctx', {
      db: opts.database.db,
      dbKind: opts.database.kind,
      publicUrl: opts.config.publicUrl,
      changeNoticeDelayS: opts.config.changeNoticeDelayS,
      keys: purposeKeys(opts.dataKey.key),
      ...(opts.wake ? { wake: opts.wake } : {}),
    });
  },
  { name: 'db' },
);
