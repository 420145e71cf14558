import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { connectVisitor, listening, startChat } from '../../test/chat-clients.ts';
import { buildTestApp, createStaff, STRONG_PASSWORD, StaffClient } from '../../test/helpers.ts';
import { logSafeUrl } from '../app.ts';
import type { AppModule } from '../context.ts';
import { ManualClock } from '../infra/clock.ts';
import { policies } from './policy.ts';
import { RequestStats } from './request-log.ts';

function capture() {
  const lines: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(...chunk.toString().split('\n').filter(Boolean));
      done();
    },
  });
  const entries = () => lines.map((line) => JSON.parse(line) as Record<string, unknown>);
  return { lines, logStream, entries };
}

/** A route that fails, to see that errors are logged at the default level. */
const boom: AppModule = {
  name: 'boom',
  routes(app) {
    app.get('/api/test/boom', { schema: { hide: true }, config: { policy: policies.public() } }, async () => {
      throw new Error('boom for the log test');
    });
  },
};

const PER_REQUEST = ['incoming request', 'request completed', 'request refused', 'route not found'];

async function until(condition: () => boolean, what: string): Promise<void> {
  for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!condition()) throw new Error(`timed out waiting for ${what}`);
}

describe('logs', () => {
  it('keep no password, token, cookie, client address or reset link, even at debug', async () => {
    const { lines, logStream } = capture();
    const app = await buildTestApp({ logStream, env: { LOG_LEVEL: 'debug' } });
    try {
      const staff = await createStaff(app);
      const client = new StaffClient(app);
      await client.post('/api/auth/login', { username: staff.username, password: staff.password });
      await client.post('/api/auth/login', { username: staff.username, password: 'wrong-secret-password' });
      await app.inject({ url: '/console/reset/SECRET-RESET-TOKEN-123', remoteAddress: '203.0.113.77' });
      await app.inject({ url: '/api/nowhere/SECRET-RESET-TOKEN-456?q=Lou%20Martin' });
      await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: '{"password": "broken-json-secret',
        headers: { 'content-type': 'application/json' },
      });
    } finally {
      await app.close();
    }
    const output = lines.join('\n');
    // At debug, one line per request, with its method, log-safe URL and status.
    expect(output).toContain('"method":"POST"');
    expect(output).toContain('/console/reset/[redacted]');
    expect(output).toContain('q=[redacted]');
    for (const secret of [
      STRONG_PASSWORD,
      'wrong-secret-password',
      'SECRET-RESET-TOKEN-123',
      '203.0.113.77',
      'broken-json-secret',
      'Lou',
      'abri_session=',
    ]) {
      expect(output).not.toContain(secret);
    }
  });

  it('write no line per request at the default level: errors, and a summary without URLs', async () => {
    const { lines, logStream, entries } = capture();
    const app = await buildTestApp({
      logStream,
      env: { LOG_LEVEL: 'info' },
      extraModules: [boom],
      // Longer than the test: the summary is the one written when the server closes.
      requestSummaryMs: 3_600_000,
    });
    try {
      for (let i = 0; i < 3; i++) expect((await app.inject({ url: '/healthz' })).statusCode).toBe(200);
      expect((await app.inject({ url: '/api/nothing-here?q=Lou%20Martin' })).statusCode).toBe(404);
      const refused = await app.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { username: 'nobody-at-all', password: 'not the right password' },
      });
      expect(refused.statusCode).toBe(401);
      expect((await app.inject({ url: '/api/test/boom' })).statusCode).toBe(500);

      expect(entries().filter((entry) => PER_REQUEST.includes(String(entry.msg)))).toEqual([]);
      const errors = entries().filter((entry) => entry.level === 50);
      expect(errors.map((entry) => entry.msg)).toEqual(['unexpected error']);
      expect(entries().some((entry) => entry.msg === 'requests')).toBe(false);
    } finally {
      await app.close();
    }
    const summaries = entries().filter((entry) => entry.msg === 'requests');
    expect(summaries).toHaveLength(1);
    const { summary } = summaries[0] as { summary: Record<string, unknown> };
    expect(summary).toMatchObject({
      requests: 6,
      status: { '2xx': 3, '4xx': 2, '5xx': 1 },
      errorStatus: { '401': 1, '404': 1, '500': 1 },
      websockets: 0,
    });
    const latency = summary.latencyMs as { p50: number; p95: number; max: number };
    expect(latency.p50).toBeGreaterThanOrEqual(0);
    expect(latency.p95).toBeGreaterThanOrEqual(latency.p50);
    expect(latency.max).toBeGreaterThanOrEqual(latency.p95);
    const output = lines.join('\n');
    for (const word of ['healthz', 'nothing-here', 'Lou', '/api/']) expect(output).not.toContain(word);
  });

  it('write the summary each period there was traffic, with the open WebSockets, and none when quiet', async () => {
    const { logStream, entries } = capture();
    const clock = new ManualClock('2026-11-23T14:00:00Z');
    const app = await buildTestApp({ logStream, clock, env: { LOG_LEVEL: 'info' }, requestSummaryMs: 50 });
    const summaries = () =>
      entries()
        .filter((entry) => entry.msg === 'requests')
        .map((entry) => entry.summary as { requests: number; websockets: number });
    try {
      const host = await listening(app);
      const visitor = await startChat(app);
      const { socket } = await connectVisitor(host, visitor);
      await app.inject({ url: '/healthz' });
      // The chat's start and the health check, in one period or two; the socket is counted once open.
      await until(() => summaries().reduce((sum, s) => sum + s.requests, 0) === 2, 'summaries of 2 requests');
      expect(summaries().at(-1)?.websockets).toBe(1);

      // Quiet periods write nothing.
      const written = summaries().length;
      await new Promise((resolve) => setTimeout(resolve, 400));
      expect(summaries()).toHaveLength(written);

      await app.inject({ url: '/healthz' });
      await until(() => summaries().length > written, 'the next summary');
      expect(summaries().at(-1)).toMatchObject({ requests: 1, websockets: 1 });
      socket.close();
    } finally {
      await app.close();
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

describe('request summary', () => {
  it('counts by status class, gives latency percentiles, and starts a new period', () => {
    const stats = new RequestStats();
    expect(stats.take(0)).toBeUndefined();
    for (let ms = 1; ms <= 100; ms++) stats.record(ms <= 90 ? 200 : 429, ms);
    expect(stats.take(3)).toEqual({
      requests: 100,
      status: { '2xx': 90, '4xx': 10 },
      errorStatus: { '429': 10 },
      latencyMs: { p50: 50, p95: 95, max: 100 },
      websockets: 3,
    });
    expect(stats.take(3)).toBeUndefined();
  });
});
