/**
 * The client's address, by one rule for the API and the web pages: TRUST_PROXY says which
 * X-Forwarded-For entries to believe (none when unset), and the first address that is not
 * a trusted proxy is the client. Rate limits and the request log key on it.
 */
import type { IncomingMessage } from 'node:http';
import proxyAddr from '@fastify/proxy-addr';
import type { TrustProxy } from './config.js';

export type TrustFn = (address: string, hop: number) => boolean;

export function trustFunction(trust: TrustProxy): TrustFn {
  if (trust === false) return () => false;
  if (trust === true) return () => true;
  // A count trusts the nearest hops whoever they are: the operator vouches that clients
  // reach us only through that many proxies. (Fastify's own number rule trusts none.)
  if (typeof trust === 'number') return (_address, hop) => hop < trust;
  return proxyAddr.compile(trust);
}

export function clientAddress(req: IncomingMessage, trust: TrustFn): string {
  // A socket that closed at once has no address left to judge.
  if (!req.socket?.remoteAddress) return 'unknown';
  return proxyAddr(req, trust);
}
