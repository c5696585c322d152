/**
 * Who is calling: the session cookie names a user; ADMIN_EMAILS makes some of them admins.
 * Also the cross-site guard (a state-changing request that carries our cookie must come
 * from our own origin) and the reader's languages for content (`?lang=`, else
 * Accept-Language).
 */
import fp from 'fastify-plugin';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { type Actor, AppError, SESSION_COOKIE, userForSession, type User } from '@kengash/core';
import { rankLanguages } from '@kengash/core/schemas';
import { problem, sendProblem } from '../problem.js';

declare module 'fastify' {
  interface FastifyRequest {
    actor: Actor | null;
    user: User | null;
    /** The languages the reader asked for, best first. */
    langs: string[];
  }
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

export default fp(
  async (app) => {
    const ourOrigins = new Set(app.config.origins);
    app.decorateRequest('actor', null);
    app.decorateRequest('user', null);
    app.decorateRequest('langs');
    app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
      const lang = (request.query as { lang?: unknown } | undefined)?.lang;
      request.langs = [
        ...(typeof lang === 'string' ? rankLanguages(lang) : []),
        ...rankLanguages(request.headers['accept-language']),
      ];
      const token = request.cookies[SESSION_COOKIE];
      if (!token) return;
      const origin = request.headers.origin;
      if (!SAFE.has(request.method) && origin !== undefined && !ourOrigins.has(origin)) {
        return sendProblem(
          reply,
          problem(403, 'Cross-site request refused: the Origin is not this site'),
        );
      }
      const user = await userForSession(app.db, token);
      if (!user) return;
      request.user = user;
      request.actor = {
        userId: user.id,
        email: user.email,
        isAdmin: app.config.adminEmails.has(user.email),
      };
    });
  },
  { name: 'auth', dependencies: ['db', '@fastify/cookie'] },
);

/** For handlers that need a signed-in caller. */
export function requireActor(request: FastifyRequest): Actor {
  if (!request.actor) throw new AppError('unauthenticated', 'Sign in first');
  return request.actor;
}
