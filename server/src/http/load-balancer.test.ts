// Instances behind a load balancer need no sticky sessions: a round-robin proxy sends every HTTP request and
// every WebSocket to the next instance in turn, and a counsellor and a visitor still log in, chat and see each
// other's messages. (docs/deployment.md says so; this test is what it rests on.)
import http from 'node:http';
import net from 'node:net';
import type { TVisitorServerFrame } from '@abri/contracts';
import type { FastifyInstance } from 'fastify';
import { describe, expect, it } from 'vitest';
import {
  clientId,
  connectStaff,
  connectVisitor,
  listening,
  preChat,
  type VisitorFrame,
} from '../../test/chat-clients.ts';
import { createStaff, type StaffClient, testConfig, withPrivateDatabase } from '../../test/helpers.ts';
import { buildApp } from '../app.ts';
import type { Database } from '../database.ts';
import { MemoryBus } from '../infra/bus.ts';
import { ManualClock } from '../infra/clock.ts';
import { connectDatabase } from '../infra/db/connect.ts';
import { currentTotp } from '../modules/identity/index.ts';

/** A round-robin reverse proxy with no affinity of any kind; counts what each backend received. */
async function roundRobin(backends: string[]) {
  let next = 0;
  const served = backends.map(() => 0);
  const pick = () => {
    const index = next++ % backends.length;
    served[index]! += 1;
    const [host, port] = backends[index]!.split(':');
    return { host: host!, port: Number(port) };
  };
  const server = http.createServer((request, response) => {
    const target = pick();
    const upstream = http.request(
      { ...target, method: request.method, path: request.url, headers: request.headers },
      (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      },
    );
    upstream.on('error', () => response.destroy());
    request.pipe(upstream);
  });
  const tunnels = new Set<net.Socket>();
  server.on('upgrade', (request, socket, head) => {
    const target = pick();
    tunnels.add(socket as net.Socket);
    const upstream = net.connect(target.port, target.host, () => {
      tunnels.add(upstream);
      const lines = [`${request.method} ${request.url} HTTP/1.1`];
      for (let i = 0; i < request.rawHeaders.length; i += 2)
        lines.push(`${request.rawHeaders[i]}: ${request.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join('\r\n')}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on('error', () => socket.destroy());
    socket.on('error', () => upstream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    host: `127.0.0.1:${port}`,
    served,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        for (const socket of tunnels) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

/** What the routes used here answer: read field by field. */
type Answer = { stage?: string; csrfToken?: string; session?: { csrfToken?: string } } | null;

/** A staff member's browser over real HTTP: keeps the session cookie and the CSRF token. */
class BrowserOverHttp {
  cookie = '';
  csrf = '';
  constructor(readonly host: string) {}

  async call(method: string, path: string, body?: unknown): Promise<{ status: number; json: Answer }> {
    const response = await fetch(`http://${this.host}${path}`, {
      method,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== 'GET' ? { 'x-csrf-token': this.csrf } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const setCookie = response.headers.getSetCookie().find((c) => c.startsWith('abri_session='));
    if (setCookie) this.cookie = setCookie.split(';')[0]!;
    const text = await response.text();
    const json = text ? JSON.parse(text) : null;
    if (json?.csrfToken) this.csrf = json.csrfToken;
    if (json?.session?.csrfToken) this.csrf = json.session.csrfToken;
    return { status: response.status, json };
  }
}

describe('behind a load balancer', () => {
  it('works with no sticky sessions: every request and socket may reach another instance', async () => {
    await withPrivateDatabase(async (env) => {
      const config = testConfig(env);
      const shared = config.redisUrl
        ? {}
        : { database: await connectDatabase<Database>({}), bus: new MemoryBus() };
      // Monday 23 November 2026, 15:00 in Paris: the helpline is open.
      const clock = new ManualClock('2026-11-23T14:00:00Z');
      const a: FastifyInstance = await buildApp(config, { clock, ...shared });
      const b: FastifyInstance = await buildApp(config, { clock, ...shared });
      const balancer = await roundRobin([await listening(a), await listening(b)]);
      try {
        // The counsellor logs in through the balancer: password on one instance, second factor on the other.
        const staff = await createStaff(a, { roles: ['counsellor'] });
        const browser = new BrowserOverHttp(balancer.host);
        const login = await browser.call('POST', '/api/auth/login', {
          username: staff.username,
          password: staff.password,
        });
        expect(login.status).toBe(200);
        if (login.json?.stage === 'totp_verify') {
          const code = currentTotp(staff.totpSecret!, a.context.clock.now());
          expect((await browser.call('POST', '/api/auth/totp/verify', { code })).status).toBe(200);
        }
        for (let i = 0; i < 4; i += 1)
          expect((await browser.call('GET', '/api/auth/session')).status).toBe(200);
        const presence = await browser.call('POST', '/api/chat/presence', {
          presence: 'available',
          capacity: 3,
        });
        expect(presence.status).toBe(200);

        // A visitor starts a chat through the balancer; the sockets land wherever the balancer sends them.
        const start = await fetch(`http://${balancer.host}/api/chat/conversations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(preChat()),
        });
        expect(start.status).toBe(201);
        const { credentials } = (await start.json()) as {
          credentials: { visitorToken: string; conversationId: string };
        };
        const staffSocket = await connectStaff(balancer.host, { cookie: browser.cookie } as StaffClient);
        const { socket: visitorSocket } = await connectVisitor(balancer.host, credentials);
        await visitorSocket.next(
          (f): f is VisitorFrame<'conversation'> =>
            f.type === 'conversation' && f.conversation.status === 'active',
        );
        staffSocket.send({ type: 'subscribe', conversationId: credentials.conversationId, lastSeq: 0 });
        await staffSocket.next((f) => f.type === 'history');

        const id = clientId();
        visitorSocket.send({ type: 'send', clientId: id, text: 'hello through the balancer' });
        await visitorSocket.next((f) => f.type === 'ack' && f.clientId === id);
        await staffSocket.next((f) => f.type === 'message' && f.message.clientId === id);
        staffSocket.send({
          type: 'send',
          conversationId: credentials.conversationId,
          clientId: clientId(),
          kind: 'text',
          text: 'answer through the balancer',
        });
        const answer = await visitorSocket.next(
          (f): f is Extract<TVisitorServerFrame, { type: 'message' }> =>
            f.type === 'message' && f.message.body === 'answer through the balancer',
        );
        expect(answer.message.author).toBe('counsellor');
        // Both instances served this conversation's traffic.
        expect(balancer.served.every((count) => count >= 3)).toBe(true);
        visitorSocket.close();
        staffSocket.close();
      } finally {
        await balancer.close();
        await a.close();
        await b.close();
        if (shared.database) await shared.database.close();
      }
    });
  });
});
