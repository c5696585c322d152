/**
 * The OpenAPI document an outside client generates code from: Redocly's recommended rules
 * find nothing in it, and the harness's contract check (contract.ts) — which holds every
 * answer of the suite against it — refuses an answer the document does not describe.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { instant } from '@kengash/core/schemas';
import { errors, ok } from '../src/routes/openapi.js';
import { ContractViolation } from './contract.js';
import { useHarness } from './helpers.js';

const h = useHarness();

describe('the OpenAPI document', () => {
  it("passes Redocly's recommended rules with no error and no warning", async () => {
    const res = await h.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const problems = await lintFromString({
      source: res.body,
      absoluteRef: 'openapi.json',
      config: await createConfig({ extends: ['recommended'] }),
    });
    expect(
      problems.map((p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer}`),
    ).toEqual([]);
  });

  it('declares an operationId, security and responses with problems for every operation', async () => {
    const doc = (await h.app.inject('/api/openapi.json')).json();
    expect(doc.servers).toEqual([{ url: 'http://kengash.test', description: 'This Kengash' }]);
    const ids = new Set<string>();
    for (const [path, operations] of Object.entries<Record<string, Record<string, unknown>>>(
      doc.paths,
    ))
      for (const [method, op] of Object.entries(operations)) {
        const where = `${method} ${path}`;
        expect(op.operationId, where).toEqual(expect.any(String));
        expect(ids.has(op.operationId as string), where).toBe(false);
        ids.add(op.operationId as string);
        expect(op.security, where).toEqual(expect.any(Array));
        const responses = op.responses as Record<string, { content?: Record<string, unknown> }>;
        const errorStatuses = Object.keys(responses).filter((s) => s >= '400');
        expect(errorStatuses.length, where).toBeGreaterThan(0);
        for (const s of errorStatuses)
          expect(Object.keys(responses[s]!.content ?? {}), `${where} ${s}`).toEqual([
            'application/problem+json',
          ]);
        // What the app's machinery gives on every write is declared on every write.
        if (method !== 'get')
          expect(errorStatuses, where).toEqual(
            expect.arrayContaining(['400', '403', '413', '415']),
          );
      }
  });
});

describe('the contract check of the harness', () => {
  const lying = () => {
    const shape = {
      tags: ['platform'],
      security: [],
      response: { 200: ok(z.object({ at: instant }), 'An instant'), ...errors(404) },
    };
    h.app.get('/api/test/undeclared-status', { schema: { ...shape, operationId: 'a' } }, (_q, r) =>
      r.status(409).type('application/problem+json').send({ type: 'x', title: 'x', status: 409 }),
    );
    h.app.get('/api/test/wrong-media-type', { schema: { ...shape, operationId: 'b' } }, (_q, r) =>
      r.type('text/plain').send('2030-01-01T00:00:00.000Z'),
    );
    // zod lets any string through where the document promises a date-time.
    h.app.get('/api/test/wrong-body', { schema: { ...shape, operationId: 'c' } }, () => ({
      at: 'next Tuesday',
    }));
    h.app.get('/api/test/honest', { schema: { ...shape, operationId: 'd' } }, () => ({
      at: '2030-01-01T00:00:00.000Z',
    }));
  };

  it('refuses an undeclared status, an undeclared media type and a body off its schema', async () => {
    lying();
    await expect(h.app.inject('/api/test/undeclared-status')).rejects.toThrow(
      /status 409 is not declared/,
    );
    await expect(h.app.inject('/api/test/wrong-media-type')).rejects.toThrow(
      /media type "text\/plain" is not declared/,
    );
    await expect(h.app.inject('/api/test/wrong-body')).rejects.toThrow(ContractViolation);
    await expect(h.app.inject('/api/test/wrong-body')).rejects.toThrow(
      /\/at must match format "date-time"/,
    );
    expect((await h.app.inject('/api/test/honest')).json()).toEqual({
      at: '2030-01-01T00:00:00.000Z',
    });
  });

  it('holds unknown paths to a 404 problem document', async () => {
    await h.app.register(
      async (child) => child.setNotFoundHandler((_q, r) => r.status(404).send('not here')),
      { prefix: '/api/elsewhere' },
    );
    const res = await h.app.inject('/api/no-such-thing');
    expect(res.statusCode).toBe(404);
    expect(res.json()).toMatchObject({ status: 404 });
    await expect(h.app.inject('/api/elsewhere/thing')).rejects.toThrow(
      /media type "text\/plain" is not declared/,
    );
  });
});
