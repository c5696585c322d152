/**
 * The live hub as a Fastify plugin: `app.liveHub`, its LISTEN connection on PostgreSQL
 * (one per process, ids only in the payload), the heartbeat, and a clean stop.
 */
import fp from 'fastify-plugin';
import { LIVE_CHANNEL, type LiveRef } from '@kengash/core';
import { LiveHub } from './hub.js';

declare module 'fastify' {
  interface FastifyInstance {
    liveHub: LiveHub;
  }
}

export default fp<{ hub: LiveHub }>(
  async (app, opts) => {
    const hub = opts.hub;
    app.decorate('liveHub', hub);
    let unlisten: (() => Promise<void>) | null = null;
    app.addHook('onReady', async () => {
      hub.start();
      if (app.database.kind === 'postgres')
        unlisten = await app.database.listen(LIVE_CHANNEL, (payload) => {
          try {
            const { s, q } = JSON.parse(payload) as { s: string; q: number };
            hub.wake([{ sessionId: s, seq: q } satisfies LiveRef]);
          } catch (err) {
            app.log.warn({ err, payload }, 'bad live notification');
          }
        });
    });
    app.addHook('onClose', async () => {
      await unlisten?.();
      hub.stop();
    });
  },
  { name: 'live-hub', dependencies: ['db'] },
);
