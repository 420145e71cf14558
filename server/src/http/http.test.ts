import { Validator } from '@seriousme/openapi-schema-validator';
import { describe, expect, it } from 'vitest';
import { buildTestApp, createStaff } from '../../test/helpers.ts';
import { MissingPolicyError } from './policy.ts';

describe('HTTP plumbing', () => {
  it('refuses to start when a route declares no policy', async () => {
    const attempt = buildTestApp({
      extraModules: [
        { name: 'careless', routes: (app) => void app.get('/api/careless', async () => ({ ok: true })) },
      ],
    });
    await expect(attempt).rejects.toThrow(MissingPolicyError);
    await expect(attempt).rejects.toThrow(/GET \/api\/careless declares no policy/);
  });

  it('answers health and readiness checks', async () => {
    const app = await buildTestApp();
    try {
      expect((await app.inject({ url: '/healthz' })).json()).toEqual({ status: 'ok' });
      expect((await app.inject({ url: '/readyz' })).json()).toEqual({
        status: 'ready',
        database: app.context.databaseKind,
      });
    } finally {
      await app.close();
    }
  });

  it('sets strict security headers and no cookie on public answers', async () => {
    const app = await buildTestApp();
    try {
      const response = await app.inject({ url: '/api/public/settings' });
      const csp = String(response.headers['content-security-policy']);
      expect(csp).toContain("default-src 'self'");
      expect(csp).toContain("script-src 'self'");
      expect(csp).not.toContain('unsafe-inline');
      expect(csp).toContain("frame-ancestors 'none'");
      expect(response.headers['referrer-policy']).toBe('no-referrer');
      expect(response.headers['x-content-type-options']).toBe('nosniff');
      expect(response.headers['cache-control']).toBe('no-store');
      expect(response.headers['strict-transport-security']).toBeUndefined();
      expect(response.headers['set-cookie']).toBeUndefined();
    } finally {
      await app.close();
    }
  });

  it('sends HSTS and Secure, __Host- cookies behind TLS', async () => {
    const app = await buildTestApp({ env: { PUBLIC_URL: 'https://abri.example.org' } });
    try {
      const response = await app.inject({ url: '/healthz' });
      expect(response.headers['strict-transport-security']).toContain('max-age=');
      const staff = await createStaff(app);
      const login = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: staff.username, password: staff.password },
      });
      expect(login.statusCode).toBe(200);
      const cookie = String(login.headers['set-cookie']);
      expect(cookie).toMatch(/^__Host-abri_session=/);
      expect(cookie).toMatch(/; Secure/i);
    } finally {
      await app.close();
    }
  });

  it('publishes a valid OpenAPI 3 document and a readable reference', async () => {
    const app = await buildTestApp();
    try {
      const spec = (await app.inject({ url: '/api/openapi.json' })).json();
      const result = await new Validator().validate(spec);
      expect(result.errors ?? []).toEqual([]);
      expect(result.valid).toBe(true);
      expect(spec.openapi).toMatch(/^3\./);
      expect(Object.keys(spec.paths)).toEqual(
        expect.arrayContaining(['/api/auth/login', '/api/admin/users', '/api/admin/audit']),
      );
      const page = await app.inject({ url: '/api/docs' });
      expect(page.headers['content-type']).toContain('text/html');
      expect(page.body).toContain('/api/auth/login');
      expect(page.body).not.toMatch(/<script/i);
    } finally {
      await app.close();
    }
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const app = await buildTestApp();
    try {
      for (const [method, url] of [
        ['GET', '/api/nothing'],
        ['POST', '/api/nothing'],
        ['DELETE', '/healthz'],
      ] as const) {
        const response = await app.inject({ method, url, payload: method === 'GET' ? undefined : {} });
        expect(response.statusCode).toBe(404);
        expect(response.json().error.code).toBe('REQUEST_NOT_FOUND');
      }
    } finally {
      await app.close();
    }
  });
});
