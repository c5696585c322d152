import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  endSession,
  requestMagicLink,
  rolesOfUser,
  SESSION_COOKIE,
  SESSION_DAYS,
  verifyMagicLink,
  type User,
} from '@kengash/core';
import {
  magicLinkRequest,
  negotiate,
  userView,
  verifyRequest,
  verifyView,
  locales,
} from '@kengash/core/schemas';
import { requireActor } from '../../plugins/auth.js';
import { clientAndAddressLimit } from '../../rate-limits.js';
import { anyone, errors, noContent, ok, signedIn } from '../openapi.js';

const tags = ['accounts'];

const routes: FastifyPluginAsyncZod = async (app) => {
  const secure = app.config.publicUrl.startsWith('https:');
  const me = async (user: User) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    isAdmin: app.config.adminEmails.has(user.email),
    roles: await rolesOfUser(app.db, user.id),
  });

  const limit = clientAndAddressLimit(app, {
    perClient: { max: 20, minutes: 15 },
    perAddress: { max: 5, minutes: 15 },
    what: 'sign-in',
  });

  app.post(
    '/api/auth/magic-link',
    {
      schema: {
        tags,
        operationId: 'requestMagicLink',
        summary: 'E-mail a single-use sign-in link',
        description:
          'The same answer for known and unknown addresses; the first sign-in creates the account.',
        security: anyone,
        body: magicLinkRequest,
        response: {
          202: ok(z.object({ status: z.literal('sent') }), 'The link is on its way'),
          ...errors(400, 429),
        },
      },
      preHandler: limit,
    },
    async (request, reply) => {
      const language =
        request.body.language ?? negotiate(request.headers['accept-language'], locales) ?? 'en';
      await requestMagicLink({ ctx: app.ctx, ...request.body, language });
      return reply.status(202).send({ status: 'sent' as const });
    },
  );

  app.post(
    '/api/auth/verify',
    {
      schema: {
        tags,
        operationId: 'verifyMagicLink',
        summary: 'Spend a sign-in token; sets the session cookie',
        security: anyone,
        body: verifyRequest,
        response: { 200: ok(verifyView, 'Signed in'), ...errors(400) },
      },
    },
    async (request, reply) => {
      const { user, sessionToken, next } = await verifyMagicLink({
        ctx: app.ctx,
        token: request.body.token,
      });
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
    {
      schema: {
        tags,
        operationId: 'logout',
        summary: 'End this session',
        security: signedIn,
        response: { 204: noContent('Signed out'), ...errors(401, 403) },
      },
    },
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
        tags,
        operationId: 'getMe',
        summary: 'The signed-in user and their roles',
        security: signedIn,
        response: { 200: ok(userView, 'The signed-in user'), ...errors(401) },
      },
    },
    async (request) => {
      requireActor(request);
      return me(request.user!);
    },
  );
};
export default routes;
