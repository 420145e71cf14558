// Visitor chat sockets that never identify themselves, with real WebSocket clients: one that does not say
// hello is closed (4408) after CHAT_HELLO_TIMEOUT_MS; past CHAT_MAX_UNIDENTIFIED_SOCKETS unidentified
// sockets from one address, the next is closed (4429), while another address and identified sockets are
// unaffected, and a place is given back when a socket says hello or closes.
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  connectVisitor,
  isVisitorFrame,
  listening,
  startChat,
  VisitorSocket,
} from '../../../test/chat-clients.ts';
import { buildTestApp } from '../../../test/helpers.ts';
import { ManualClock } from '../../infra/clock.ts';
import { HELLO_TIMEOUT_CLOSE, TOO_MANY_UNIDENTIFIED_CLOSE } from './visitor-socket.ts';

// Monday 23 November 2026, 15:00 in Paris: the helpline is open.
const OPEN = '2026-11-23T14:00:00Z';

function visitorSocket(host: string, address: string): VisitorSocket {
  return new VisitorSocket(`ws://${host}/api/chat/visitor/socket`, { 'x-forwarded-for': address });
}

/** Open sockets answer a ping: proof that the server admitted them (a refused one is closed instead). */
async function admitted(socket: VisitorSocket): Promise<void> {
  await socket.opened;
  socket.send({ type: 'ping' });
  await socket.next(isVisitorFrame('pong'));
}

describe('a visitor socket that never says hello', () => {
  let app: FastifyInstance;
  let host: string;

  beforeAll(async () => {
    app = await buildTestApp({ clock: new ManualClock(OPEN), env: { CHAT_HELLO_TIMEOUT_MS: '200' } });
    host = await listening(app);
  });
  afterAll(() => app.close());

  it('is closed with 4408 after the hello timeout; one that says hello stays open', async () => {
    const silent = visitorSocket(host, '203.0.113.10');
    await silent.opened;
    expect(await silent.closed).toEqual(HELLO_TIMEOUT_CLOSE);

    const visitor = await startChat(app);
    const { socket } = await connectVisitor(host, visitor);
    // Well past the timeout, the identified socket still answers.
    await new Promise((resolve) => setTimeout(resolve, 600));
    socket.send({ type: 'ping' });
    await socket.next(isVisitorFrame('pong'));
    expect(socket.socket.readyState).toBe(socket.socket.OPEN);
    socket.close();
  });
});

describe('unidentified visitor sockets per address', () => {
  let app: FastifyInstance;
  let host: string;

  beforeAll(async () => {
    app = await buildTestApp({
      clock: new ManualClock(OPEN),
      env: { CHAT_HELLO_TIMEOUT_MS: '60000', CHAT_MAX_UNIDENTIFIED_SOCKETS: '3', TRUST_PROXY: 'true' },
    });
    host = await listening(app);
  });
  afterAll(() => app.close());

  it('are capped: the next one is closed with 4429, other addresses and identified sockets are not', async () => {
    const address = '203.0.113.20';
    const first = [visitorSocket(host, address), visitorSocket(host, address), visitorSocket(host, address)];
    for (const socket of first) await admitted(socket);

    const extra = visitorSocket(host, address);
    await extra.opened;
    expect(await extra.closed).toEqual(TOO_MANY_UNIDENTIFIED_CLOSE);

    // Another address has places of its own.
    const neighbour = visitorSocket(host, '203.0.113.21');
    await admitted(neighbour);

    // One socket says hello: identified, it gives its place back, and a new socket is admitted.
    const visitor = await startChat(app);
    first[0]!.send({ type: 'hello', visitorToken: visitor.visitorToken, lastSeq: 0 });
    await first[0]!.next(isVisitorFrame('welcome'));
    const again = visitorSocket(host, address);
    await admitted(again);

    // A closed socket gives its place back too.
    const refused = visitorSocket(host, address);
    await refused.opened;
    expect((await refused.closed).code).toBe(TOO_MANY_UNIDENTIFIED_CLOSE.code);
    first[1]!.close();
    await first[1]!.closed;
    // The server sees the close a moment after the client: try until a place is free.
    let admittedAfterClose = false;
    for (let attempt = 0; attempt < 50 && !admittedAfterClose; attempt += 1) {
      const next = visitorSocket(host, address);
      await next.opened;
      const outcome = await Promise.race([
        next.closed.then(() => 'closed' as const),
        admitted(next).then(
          () => 'admitted' as const,
          () => 'closed' as const,
        ),
      ]);
      if (outcome === 'admitted') admittedAfterClose = true;
      else await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(admittedAfterClose).toBe(true);
    for (const socket of [...first, neighbour, again]) socket.close();
  });
});
