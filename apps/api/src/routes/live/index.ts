/**
 * GET /api/live/sessions/:id — the session's live channel over WebSocket. Anonymous viewers
 * of a published meeting may watch; the session cookie, if any, says who acts. A browser's
 * Origin other than ours is refused before the upgrade. The first frame is a snapshot (or,
 * with ?since=N, the events after N); then events as they commit. Client frames get acks.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import type { RawData } from 'ws';
import { z } from 'zod';
import { AppError, loadSession, viewerOf, type SessionAccess } from '@kengash/core';
import { liveCommand } from '../../live/commands.js';
import { problem, sendProblem, toProblem } from '../../problem.js';
import { errors } from '../openapi.js';

declare module 'fastify' {
  interface FastifyRequest {
    liveSession?: SessionAccess;
  }
}

const params = z.object({ id: z.uuid({ message: 'Not a valid session id' }) });
const query = z.object({ since: z.coerce.number().int().min(0).optional() });
const frameHead = z.object({ type: z.string().min(1).max(40), ref: z.unknown().optional() });

const routes: FastifyPluginAsyncZod = async (app) => {
  const ourOrigins = new Set(app.config.origins);

  app.get(
    '/api/live/sessions/:id',
    {
      websocket: true,
      schema: {
        tags: ['live'],
        operationId: 'liveSession',
        summary: 'The live channel of a session (WebSocket upgrade)',
        description:
          'JSON text frames: a snapshot (or the events after ?since=N), then events with the session seq. Client frames {type, ref?, ...} (`floor` with an action request/withdraw/next/reorder/set; the Q&A frames ask/vote/unvote/moderate) get an ack {type: "ack", ref, ok, data | error}. The server pings every 25 s and closes a viewer that does not answer, or that reads too slowly to keep up. Frames over 16 KiB close the socket with 1009.',
        params,
        querystring: query,
        response: errors(400, 403, 404),
      },
      preValidation: async (request, reply) => {
        const origin = request.headers.origin;
        if (origin !== undefined && !ourOrigins.has(origin))
          return sendProblem(reply, problem(403, 'WebSocket from another origin refused'));
        const { id } = request.params as { id: string };
        try {
          request.liveSession = await loadSession(app.db, request.actor, id);
        } catch (err) {
          return sendProblem(reply, toProblem(err, request));
        }
      },
    },
    (socket, request) => {
      const s = request.liveSession!;
      const viewer = viewerOf(s);
      const since = (request.query as { since?: number }).since ?? null;
      // The listener is attached at once; frames sent before the snapshot wait for it.
      let joined: Promise<unknown> = Promise.resolve();
      socket.on('message', (data: RawData, isBinary: boolean) => {
        joined = joined.then(() => handleFrame(data, isBinary));
      });
      const ack = (body: Record<string, unknown>) =>
        socket.readyState === socket.OPEN && socket.send(JSON.stringify({ type: 'ack', ...body }));

      async function handleFrame(data: RawData, isBinary: boolean) {
        let ref: unknown = null;
        try {
          if (isBinary) throw new AppError('invalid', 'Send JSON text frames');
          let parsed: unknown;
          try {
            parsed = JSON.parse(data.toString());
          } catch {
            throw new AppError('invalid', 'The frame is not valid JSON');
          }
          const head = frameHead.safeParse(parsed);
          if (!head.success) throw new AppError('invalid', 'A frame needs a "type"');
          ref = head.data.ref ?? null;
          const command = liveCommand(head.data.type);
          if (!command) throw new AppError('invalid', `Unknown frame type "${head.data.type}"`);
          const result = await command({
            app,
            actor: request.actor,
            session: s,
            viewer,
            langs: request.langs,
            frame: parsed as Record<string, unknown>,
          });
          ack({ ref, ok: true, data: result ?? null });
        } catch (err) {
          ack({ ref, ok: false, error: toProblem(err, request) });
        }
      }

      joined = app.liveHub.join(socket, s, viewer, since).catch((err: unknown) => {
        request.log.warn({ err }, 'live join failed');
        socket.close(1011, 'Could not start the live channel');
      });
    },
  );
};
export default routes;
