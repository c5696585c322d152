import { describe, expect, it } from 'vitest';
import { useHarness } from './helpers.js';

const h = useHarness();

describe('health and conventions', () => {
  it('says which database it runs on', async () => {
    const res = await h.app.inject('/api/health');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ status: 'ok', database: process.env.TEST_DB });
  });

  it('answers unknown routes with a problem document', async () => {
    const res = await h.app.inject('/api/nothing-here');
    expect(res.statusCode).toBe(404);
    expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(res.json()).toMatchObject({ status: 404, title: 'Not found' });
  });

  it('refuses a body over 1 MiB with 413 and invalid JSON with 400', async () => {
    const big = await h.app.inject({
      method: 'POST',
      url: '/api/auth/magic-link',
      headers: { 'content-type': 'application/json' },
      payload: JSON.stringify({ email: 'a@b.org', pad: 'x'.repeat(1024 * 1024) }),
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().status).toBe(413);
    const bad = await h.app.inject({
      method: 'POST',
      url: '/api/auth/magic-link',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.headers['content-type']).toMatch(/problem\+json/);
  });

  it('publishes an OpenAPI 3.1 document and a docs page', async () => {
    const res = await h.app.inject('/api/openapi.json');
    expect(res.statusCode).toBe(200);
    const doc = res.json();
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/api/meetings',
        '/api/meetings/{slug}/registrations',
        '/api/auth/magic-link',
      ]),
    );
    const docs = await h.app.inject('/api/docs/');
    expect(docs.statusCode).toBe(200);
    expect(docs.body).toContain('swagger');
  });
});
