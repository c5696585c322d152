/**
 * RFC 9457 problem documents: every error the API returns has this shape.
 */
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, PROBLEM_TYPE_BASE, type FieldError } from '@kengash/core';

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  errors?: FieldError[];
}

const titles: Record<number, string> = {
  400: 'Invalid input',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  406: 'Not acceptable',
  409: 'Conflict with the current state',
  413: 'Request body too large',
  415: 'Unsupported media type',
  429: 'Too many requests',
  500: 'Internal error',
  503: 'Service unavailable',
};

export function problem(status: number, detail?: string, errors?: FieldError[]): Problem {
  return {
    type: status === 500 ? 'about:blank' : `${PROBLEM_TYPE_BASE}${status}`,
    title: titles[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(errors?.length ? { errors } : {}),
  };
}

export function sendProblem(reply: FastifyReply, p: Problem) {
  return reply.status(p.status).type('application/problem+json').send(p);
}

/** Maps anything thrown in a handler to a problem; only real faults become 500. */
export function toProblem(err: unknown, request: FastifyRequest): Problem {
  if (err instanceof AppError) return problem(err.status, err.message, err.errors);
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext ?? 'body';
    const errors = err.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replace(/\//g, '.') || where,
      message: v.message ?? 'Invalid value',
    }));
    return problem(400, `The ${where} is not valid`, errors);
  }
  const e = err as FastifyError;
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return problem(413, 'The request body is larger than 1 MiB');
  if (e.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE')
    return problem(415, 'Send JSON (application/json)');
  if (e.code === 'FST_ERR_CTP_EMPTY_JSON_BODY') return problem(400, 'The JSON body is empty');
  if (e.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || e instanceof SyntaxError)
    return problem(400, 'The body is not valid JSON');
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500)
    return problem(e.statusCode, e.message);
  request.log.error({ err }, 'unhandled error');
  return problem(500, 'Something went wrong on our side; it has been logged');
}
