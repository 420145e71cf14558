// kill -9 of a server on the embedded database in the middle of writes (chat messages over WebSocket,
// hotline reports over HTTP), then a restart on the same directory: it starts, and every write that was
// acknowledged is there. A commit is acknowledged once PostgreSQL wrote its WAL (PGlite's durability is not
// relaxed), so a process crash loses nothing acknowledged; the restart replays the WAL.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AbriServer } from '../../../test/abri-process.ts';
import { clientId, connectVisitor, preChat, type VisitorSocket } from '../../../test/chat-clients.ts';
import { loadConfig } from '../../config.ts';
import type { Database } from '../../database.ts';
import { migrations } from '../../migrations/index.ts';
import { loadDefaultSettings } from '../../modules/settings/index.ts';
import { seedSettings } from '../../modules/settings/settings.service.ts';
import { connectDatabase } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

const LONG = 300_000;
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'abri-crash-'));
const dataDir = path.join(scratch, 'data');
const pgliteDir = path.join(dataDir, 'pglite');
afterAll(() => fs.rmSync(scratch, { recursive: true, force: true }));

/** A documentation address per client, so that per-address limits do not stop the load. */
const address = () => `2001:db8:${randomBytes(2).toString('hex')}::${randomBytes(2).toString('hex')}`;

async function openDatabase() {
  return connectDatabase<Database>({ pgliteDir });
}

describe('the embedded database under kill -9', () => {
  it(
    'restarts after a crash in the middle of writes, with every acknowledged chat message and report',
    async () => {
      // The chat open round the clock, set before the first start.
      const setup = await openDatabase();
      await migrateToLatest(setup.db, migrations);
      const defaults = loadDefaultSettings(loadConfig({ DATA_DIR: dataDir }).contentDir);
      const allDay = [{ open: '00:00', close: '24:00' }];
      await seedSettings(setup.db, {
        ...defaults,
        openingHours: {
          ...defaults.openingHours,
          weekly: Object.fromEntries(
            ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, allDay]),
          ),
          holidays: [],
        },
      } as unknown as typeof defaults);
      await setup.close();

      const server = await AbriServer.start(dataDir, { TRUST_PROXY: 'true' });
      const host = new URL(server.url).host;
      const acknowledged = new Map<string, { conversationId: string; seq: number }>();
      const reports = new Set<string>();
      let stopping = false;

      const visitor = async () => {
        const response = await fetch(`${server.url}/api/chat/conversations`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-forwarded-for': address() },
          body: JSON.stringify(preChat()),
        });
        expect(response.status, await response.clone().text()).toBe(201);
        const { credentials } = (await response.json()) as {
          credentials: { visitorToken: string; conversationId: string };
        };
        const { socket } = await connectVisitor(host, credentials);
        return { socket: socket as VisitorSocket, conversationId: credentials.conversationId as string };
      };
      const chatter = async (v: { socket: VisitorSocket; conversationId: string }) => {
        v.socket.socket.on('error', () => {});
        while (!stopping) {
          const id = clientId();
          v.socket.send({ type: 'send', clientId: id, text: `message ${id}` });
          try {
            const ack = await v.socket.next((f) => f.type === 'ack' && f.clientId === id, 5_000);
            if (ack.type === 'ack') acknowledged.set(id, { conversationId: v.conversationId, seq: ack.seq });
          } catch {
            return; // the server is gone
          }
        }
      };
      const reporter = async () => {
        while (!stopping) {
          const account = `crash-${randomBytes(6).toString('hex')}`;
          try {
            const response = await fetch(`${server.url}/api/hotline/reports`, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'x-forwarded-for': address() },
              body: JSON.stringify({
                category: 'cyber_harassment',
                platform: 'Autre',
                account,
                source: 'social_network',
                description: 'Un compte harcèle des élèves',
                language: 'fr',
              }),
            });
            if (response.status === 201) reports.add(account);
            else if (!stopping)
              throw new Error(`report refused: ${response.status} ${await response.text()}`);
          } catch (error) {
            if ((error as Error).message.startsWith('report refused')) throw error;
            return; // the server is gone
          }
        }
      };

      const visitors = await Promise.all([visitor(), visitor(), visitor(), visitor()]);
      const load = Promise.all([...visitors.map(chatter), reporter(), reporter()]);
      // Mid-writes: once some are acknowledged, while every client still has one in flight.
      while (acknowledged.size < 40 || reports.size < 6) await new Promise((r) => setTimeout(r, 20));
      await server.kill9();
      stopping = true;
      console.info(`kill -9 after ${acknowledged.size} acknowledged messages and ${reports.size} reports`);
      await load;
      for (const v of visitors) v.socket.socket.terminate();

      const restarted = await AbriServer.start(dataDir);
      expect((await fetch(`${restarted.url}/readyz`)).status).toBe(200);
      expect(await restarted.stop()).toEqual({ code: 0, signal: null });

      const check = await openDatabase();
      try {
        const stored = await check.db
          .selectFrom('messages')
          .select(['client_id', 'conversation_id', 'seq'])
          .where('client_id', 'in', [...acknowledged.keys()])
          .execute();
        expect(stored).toHaveLength(acknowledged.size);
        for (const row of stored)
          expect({ conversationId: row.conversation_id, seq: row.seq }).toEqual(
            acknowledged.get(row.client_id!),
          );
        const storedReports = await check.db
          .selectFrom('reports')
          .select('account')
          .where('account', 'in', [...reports])
          .execute();
        expect(storedReports).toHaveLength(reports.size);
      } finally {
        await check.close();
      }
    },
    LONG,
  );
});
