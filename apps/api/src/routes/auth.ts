import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  AppError,
  endSession,
  magicLinkRequest,
  requestMagicLink,
  rolesOfUser,
  SESSION_DAYS,
  verifyMagicLink,
  verifyRequest,
} from '@kengash/core';
import { requireActor, SESSION_COOKIE } from '../plugins/auth.js';

const userView = z.object({
  id: z.string(),
  email: z.string(),
  name: z.string().nullable(),
  isAdmin: z.boolean(),
  roles: z.array(z.object({ meetingSlug: z.string(), role: z.string() })),
});

const routes: FastifyPluginAsyncZod = async (app) => {
  const secure = app.config.publicUrl.startsWith('https:');
  const me = async (user: { id: string; email: string; name: string | null }) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: app.config.adminEmails.has(user.email),
    roles: await rolesOfUser(app.db, user.id),
  });

  // Per client address a burst from one machine is stopped, and per mailbox one address
  // cannot be flooded from many machines.
  const perClient = app.createRateLimit({
    max: 20,
    timeWindow: '15 minutes',
    keyGenerator: (req) => `ip:${req.ip}`,
  });
  const perAddress = app.createRateLimit({
    max: 5,
    timeWindow: '15 minutes',
    keyGenerator: (req) =>
      `email:${String((req.body as { email?: string } | undefined)?.email ?? '').toLowerCase()}`,
  });

  app.post(
    '/api/auth/magic-link',
    {
      schema: {
        tags: ['accounts'],
        summary: 'E-mail a single-use sign-in link (same answer for known and unknown addresses)',
        body: magicLinkRequest,
        response: { 202: z.object({ status: z.literal('sent') }) },
      },
      preHandler: async (request) => {
        for (const limit of [perClient, perAddress]) {
          const result = await limit(request);
          if (!result.isAllowed && result.isExceeded)
            throw new AppError(
              'rate_limited',
              `Too many sign-in requests; try again in ${result.ttlInSeconds} s`,
            );
        }
      },
    },
    async (request, reply) => {
      const accept = request.headers['accept-language'] ?? '';
      const language = request.body.language ?? (/^ru\b/i.test(accept) ? 'ru' : 'en');
      await requestMagicLink(app.ctx, { ...request.body, language });
      return reply.status(202).send({ status: 'sent' as const });
    },
  );

  app.post(
    '/api/auth/verify',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Spend a sign-in token; sets the session cookie',
        body: verifyRequest,
        response: { 200: z.object({ user: userView, next: z.string().nullable() }) },
      },
    },
    async (request, reply) => {
      const { user, sessionToken, next } = await verifyMagicLink(app.ctx, request.body.token);
      reply.setCookie(SESSION_COOKIE, sessionToken, {
        httpOnly: true,
        sameSite: 'lax',
        secure,
        path: '/',
        maxAge: SESSION_DAYS * 86_400,
      });
      return { user: await me(user), next };
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['accounts'], summary: 'End this session' } },
    async (request, reply) => {
      requireActor(request);
      const token = request.cookies[SESSION_COOKIE];
      if (token) await endSession(app.db, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'lax', secure });
      return reply.status(204).send();
    },
  );

  app.get(
    '/api/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The signed-in user and their roles',
        response: { 200: userView },
      },
    },
    async (request) => {
      requireActor(request);
      return me(request.user!);
    },
  );
};
export default routes;
