// The session is checked before anything else of a request: every non-public route of the app (taken from
// the app itself, so a new route is covered without editing this file) answers an anonymous caller 401
// AUTH_REQUIRED, whatever its body, query and params, never a 400 that would list the route's fields.
import type { FastifyInstance, InjectOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp } from '../../test/helpers.ts';
import { guardedRoutes } from './guard.ts';

describe('authentication before validation', () => {
  let app: FastifyInstance;

  beforeAll(async () => {
    app = await buildTestApp();
  });
  afterAll(() => app.close());

  it('knows every route with its policy', () => {
    const routes = guardedRoutes(app);
    expect(routes.length).toBeGreaterThan(100);
    expect(routes).toContainEqual(
      expect.objectContaining({ method: 'POST', url: '/api/admin/users', policy: expect.any(Object) }),
    );
    expect(routes.filter((route) => route.websocket).map((route) => route.url)).toContain(
      '/api/chat/staff/socket',
    );
  });

  it('answers 401 to anonymous requests with invalid bodies, queries and params on every non-public route', async () => {
    const guarded = guardedRoutes(app).filter((route) => route.policy.kind !== 'public');
    expect(guarded.length).toBeGreaterThan(50);
    const wrong: string[] = [];
    for (const route of guarded) {
      const url = `${route.url.replace(/:[A-Za-z]+/g, 'not-an-id').replace('*', 'x')}?unexpected=%00&limit=-1`;
      const withBody = !['GET', 'HEAD', 'OPTIONS'].includes(route.method);
      const request: InjectOptions = {
        method: route.method as InjectOptions['method'],
        url,
        remoteAddress: '198.19.9.9',
        ...(withBody
          ? {
              payload: '{"unexpected": true, "nested": {"x": [1]}}',
              headers: { 'content-type': 'application/json' },
            }
          : {}),
      };
      const response = await app.inject(request);
      const code = route.method === 'HEAD' ? 'AUTH_REQUIRED' : response.json().error?.code;
      if (response.statusCode !== 401 || code !== 'AUTH_REQUIRED')
        wrong.push(`${route.method} ${route.url}: ${response.statusCode} ${response.body.slice(0, 120)}`);
    }
    expect(wrong).toEqual([]);
  });

  it('answers 401 before reading a body that is not even JSON', async () => {
    const response = await app.inject({
      method: 'POST',
      url: '/api/admin/users',
      payload: '{"username": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(response.statusCode).toBe(401);
    expect(response.json().error.code).toBe('AUTH_REQUIRED');
    const empty = await app.inject({ method: 'POST', url: '/api/admin/users', payload: {} });
    expect(empty.statusCode).toBe(401);
    expect(empty.json().error.details).toBeUndefined();
  });
});
