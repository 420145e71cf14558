import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { buildTestApp, createStaff, STRONG_PASSWORD, StaffClient } from '../../test/helpers.ts';
import { logSafeUrl } from '../app.ts';

describe('logs', () => {
  it('keep no password, token, cookie, client address or reset link', async () => {
    const lines: string[] = [];
    const logStream = new Writable({
      write(chunk, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const app = await buildTestApp({ logStream, env: { LOG_LEVEL: 'info' } });
    try {
      const staff = await createStaff(app);
      const client = new StaffClient(app);
      await client.post('/api/auth/login', { username: staff.username, password: staff.password });
      await client.post('/api/auth/login', { username: staff.username, password: 'wrong-secret-password' });
      await app.inject({ url: '/console/reset/SECRET-RESET-TOKEN-123', remoteAddress: '203.0.113.77' });
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: '{"password": "broken-json-secret',
        headers: { 'content-type': 'application/json' },
      });
    } finally {
      await app.close();
    }
    const output = lines.join('');
    expect(output).toContain('"method":"POST"');
    expect(output).toContain('/console/reset/[redacted]');
    for (const secret of [
      STRONG_PASSWORD,
      'wrong-secret-password',
      'SECRET-RESET-TOKEN-123',
      '203.0.113.77',
      'broken-json-secret',
      'abri_session=',
    ]) {
      expect(output).not.toContain(secret);
    }
  });

  it('strips secrets from URLs', () => {
    expect(logSafeUrl('/console/reset/abc123?x=1')).toBe('/console/reset/[redacted]?x=1');
    expect(logSafeUrl('/api/x?token=abc&y=2&code=123456')).toBe(
      '/api/x?token=[redacted]&y=2&code=[redacted]',
    );
    // Words people type into URLs: a case search, the name of a document.
    expect(logSafeUrl('/api/cases?q=Lou%20Martin&status=open')).toBe('/api/cases?q=[redacted]&status=open');
    expect(logSafeUrl('/api/cases/1/documents?filename=plainte-lou.pdf')).toBe(
      '/api/cases/1/documents?filename=[redacted]',
    );
  });
});
