/**
 * Per-client and per-address limits for the calls a stranger can make without signing in
 * (sign-in links, registration). Both apply: per client a burst from one machine is
 * stopped, per address one mailbox cannot be flooded (or probed) from many machines.
 * The counters live in the process (several processes each count on their own).
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '@kengash/core';

export interface Limits {
  perClient: { max: number; minutes: number };
  perAddress: { max: number; minutes: number };
  /** "Too many … requests": what the caller asked for too often. */
  what: string;
}

const emailOf = (req: FastifyRequest) =>
  String((req.body as { email?: unknown } | undefined)?.email ?? '')
    .trim()
    .toLowerCase();

export function clientAndAddressLimit(app: FastifyInstance, limits: Limits) {
  const perClient = app.createRateLimit({
    max: limits.perClient.max,
    timeWindow: limits.perClient.minutes * 60_000,
    keyGenerator: (req) => `${limits.what}:ip:${req.ip}`,
  });
  const perAddress = app.createRateLimit({
    max: limits.perAddress.max,
    timeWindow: limits.perAddress.minutes * 60_000,
    keyGenerator: (req) => `${limits.what}:email:${emailOf(req)}`,
  });
  return async (request: FastifyRequest, reply: FastifyReply) => {
    for (const limit of [perClient, perAddress]) {
      const result = await limit(request);
      if (!result.isAllowed && result.isExceeded) {
        reply.header('retry-after', String(result.ttlInSeconds));
        throw new AppError(
          'rate_limited',
          `Too many ${limits.what} requests; try again in ${result.ttlInSeconds} s`,
        );
      }
    }
  };
}
