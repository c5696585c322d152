/**
 * Calendars (RFC 5545): the meeting's feed, one session, and a delegate's private feed
 * behind a revocable token. Every feed answers with an ETag (a hash of the body) and 304
 * to a matching If-None-Match, so a calendar polling an unchanged feed costs a few bytes.
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import {
  getCalendarFeed,
  getMeetingCalendar,
  getPrivateCalendar,
  getSessionCalendar,
  rotateCalendarFeed,
} from '@kengash/core';
import { calendarFeedView, rankLanguages } from '@kengash/core/schemas';
import {
  anyone,
  errors,
  idParams,
  langQuery,
  noContent,
  ok,
  signedIn,
  slugParams,
} from '../openapi.js';

const tags = ['calendars'];

const calendarAnswer = (description: string) => ({
  description,
  content: { 'text/calendar': { schema: z.string() } },
});
const notModified = noContent(
  'Not modified: the If-None-Match header names the current ETag, the feed is unchanged',
);

/** The quoted strong ETag of a body. */
export const etagOf = (body: string) =>
  `"${createHash('sha256').update(body).digest('base64url').slice(0, 32)}"`;

/** Whether If-None-Match names this ETag (a list, weak forms and `*` included). */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header
    .split(',')
    .map((t) => t.trim().replace(/^W\//, ''))
    .some((t) => t === '*' || t === etag);
}

function sendCalendar(
  request: FastifyRequest,
  reply: FastifyReply,
  ics: string,
  options: { cacheControl: string; filename: string; disposition?: 'inline' | 'attachment' },
) {
  const etag = etagOf(ics);
  reply
    .header('etag', etag)
    .header('cache-control', options.cacheControl)
    .header('vary', 'Accept-Language');
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.status(304).send();
  return reply
    .type('text/calendar; charset=utf-8')
    .header(
      'content-disposition',
      `${options.disposition ?? 'attachment'}; filename="${options.filename}"`,
    )
    .send(ics);
}

// Calendars look again every so often; each look revalidates (cheap with the ETag), so
// a change reaches them at their next look, never served stale from a cache.
const PUBLIC_CACHE = 'public, no-cache';
const PRIVATE_CACHE = 'private, no-cache';

const feedToken = z
  .string()
  .regex(/^[A-Za-z0-9_-]{20,100}$/, 'Not a calendar feed token')
  .meta({ description: 'The secret of the private feed, as GET /api/me/calendar-feed gave it' });

const routes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/api/meetings/:slug/calendar.ics',
    {
      schema: {
        tags,
        operationId: 'getMeetingCalendar',
        summary: 'Every session of the meeting as iCalendar (cancelled ones with STATUS:CANCELLED)',
        description:
          'One VEVENT per session: a UID that never changes, SEQUENCE equal to the session’s sequence, times in UTC, SUMMARY in the language asked for (`?lang=`, else Accept-Language, else the meeting’s first), LOCATION with room, venue and city. Never the online link. A draft meeting is 404 except to its staff. ETag and If-None-Match → 304.',
        security: anyone,
        querystring: langQuery,
        params: slugParams,
        response: {
          200: calendarAnswer('text/calendar (RFC 5545)'),
          304: notModified,
          ...errors(404),
        },
      },
    },
    async (request, reply) => {
      const cal = await getMeetingCalendar({
        ctx: app.ctx,
        actor: request.actor,
        slug: request.params.slug,
        langs: request.langs,
      });
      return sendCalendar(request, reply, cal.ics, {
        cacheControl: cal.public ? PUBLIC_CACHE : PRIVATE_CACHE,
        filename: `${request.params.slug}.ics`,
      });
    },
  );

  app.get(
    '/api/sessions/:id/calendar.ics',
    {
      schema: {
        tags,
        operationId: 'getSessionCalendar',
        summary: 'One session as iCalendar, for “add to calendar”',
        description:
          'The same VEVENT (same UID) as in the meeting’s feed. A session of a draft meeting is 404 except to its staff. ETag and If-None-Match → 304.',
        security: anyone,
        querystring: langQuery,
        params: idParams('session'),
        response: {
          200: calendarAnswer('text/calendar (RFC 5545) with one VEVENT'),
          304: notModified,
          ...errors(404),
        },
      },
    },
    async (request, reply) => {
      const cal = await getSessionCalendar({
        ctx: app.ctx,
        actor: request.actor,
        id: request.params.id,
        langs: request.langs,
      });
      return sendCalendar(request, reply, cal.ics, {
        cacheControl: cal.public ? PUBLIC_CACHE : PRIVATE_CACHE,
        filename: `session-${request.params.id}.ics`,
      });
    },
  );

  app.get(
    '/api/me/calendar-feed',
    {
      schema: {
        tags,
        operationId: 'getCalendarFeed',
        summary: 'The address of the caller’s private feed',
        description:
          'The private feed holds the caller’s bookmarked sessions across meetings, with the online link where she is a confirmed registrant or staff; it needs no cookie. The first call makes the address; every later call gives the same one until POST /api/me/calendar-feed/rotate replaces it. The address’s secret is derived from a random value stored for her and the server’s data key (DATA_KEY), which is not in the database, so the stored row alone opens no feed.',
        security: signedIn,
        response: {
          200: ok(calendarFeedView, 'The private feed’s address, the same on every call'),
          ...errors(401),
        },
      },
    },
    async (request, reply) => {
      // No Sec-Fetch-Site guard: the call changes nothing but the first time (when it makes
      // the address), and another site cannot read the answer.
      reply.header('cache-control', 'no-store');
      return getCalendarFeed({ ctx: app.ctx, actor: request.actor });
    },
  );

  app.post(
    '/api/me/calendar-feed/rotate',
    {
      schema: {
        tags,
        operationId: 'rotateCalendarFeed',
        summary: 'A new address for the caller’s private feed; the old one answers 404 from now on',
        description:
          'Draws a new random value for the caller’s feed, so its secret changes: calendars subscribed with the old address get 404 from now on, and GET /api/me/calendar-feed gives the new address. For an address shared too widely or a lost phone. The first call, with no feed yet, makes one.',
        security: signedIn,
        response: {
          200: ok(calendarFeedView, 'The new address'),
          ...errors(401),
        },
      },
    },
    async (request, reply) => {
      reply.header('cache-control', 'no-store');
      return rotateCalendarFeed({ ctx: app.ctx, actor: request.actor });
    },
  );

  app.get(
    '/api/calendar-feeds/private.ics',
    {
      schema: {
        tags,
        operationId: 'getPrivateCalendar',
        summary: 'A delegate’s private feed (no cookie: the token is the key)',
        description:
          'The sessions the token’s owner bookmarked, across meetings, cancelled ones with STATUS:CANCELLED; the online link where she is a confirmed registrant or staff of the meeting. Language: `?lang=`, else the one chosen for her account. An unknown or rotated token is 404. ETag and If-None-Match → 304.',
        security: anyone,
        querystring: langQuery.extend({ token: feedToken }),
        response: {
          200: calendarAnswer('text/calendar (RFC 5545)'),
          304: notModified,
          ...errors(404),
        },
      },
    },
    async (request, reply) => {
      const adminEmails = app.config.adminEmails;
      const ics = await getPrivateCalendar({
        ctx: app.ctx,
        token: request.query.token,
        langs: request.query.lang ? rankLanguages(request.query.lang) : [],
        isAdminEmail: (email) => adminEmails.has(email),
      });
      return sendCalendar(request, reply, ics, {
        cacheControl: PRIVATE_CACHE,
        filename: 'kengash.ics',
        disposition: 'inline',
      });
    },
  );
};
export default routes;
