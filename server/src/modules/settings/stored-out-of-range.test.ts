// A settings value out of range in the database (an older version's, or one written by hand) never locks
// anyone out: its default is used, the problem is logged, and administrators read a warning with the
// settings. Written with SQL, then: staff log in, a visitor chats, the settings are read, all work.
import { Writable } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  clientId,
  connectStaff,
  connectVisitor,
  goAvailable,
  isStaffFrame,
  isVisitorFrame,
  listening,
  startChat,
} from '../../../test/chat-clients.ts';
import { buildPrivateTestApp, createStaff, loggedIn, StaffClient } from '../../../test/helpers.ts';
import { ManualClock } from '../../infra/clock.ts';
import { loadDefaultSettings } from './settings.service.ts';

// Monday 23 November 2026, 15:00 in Paris: the helpline is open.
const OPEN = '2026-11-23T14:00:00Z';

describe('a stored setting out of range', () => {
  let app: FastifyInstance;
  let host: string;
  let close: () => Promise<void>;
  const logs: string[] = [];
  const logStream = new Writable({
    write(chunk, _encoding, done) {
      logs.push(String(chunk));
      done();
    },
  });

  beforeAll(async () => {
    // Settings are global: a database of its own.
    ({ app, close } = await buildPrivateTestApp((env) => ({
      clock: new ManualClock(OPEN),
      logStream,
      env: { ...env, LOG_LEVEL: 'warn' },
    })));
    host = await listening(app);
    // As an older version or a hand-made UPDATE would leave them: one value out of range, one of a wrong
    // type deep inside an object, one unknown role.
    const db = app.context.db;
    await sql`update settings set value = jsonb_set(value, '{visitorMessagesPerMinute}', '100000') where key = 'chat'`.execute(
      db,
    );
    await sql`update settings set value = jsonb_set(value, '{notifier,email}', '"not an address"') where key = 'hotline'`.execute(
      db,
    );
    await sql`update settings set value = '{"totpRequiredRoles": ["root"]}' where key = 'security'`.execute(
      db,
    );
    await sql`update settings set value = '""' where key = 'helplineName'`.execute(db);
  });
  afterAll(() => close());

  it('still lets staff log in, a visitor chat, and administrators read the settings with a warning', async () => {
    const defaults = loadDefaultSettings(app.context.config.contentDir);

    // Staff log in (the login reads the security settings).
    const counsellorAccount = await createStaff(app, { roles: ['counsellor'] });
    const counsellor = new StaffClient(app);
    await counsellor.login(counsellorAccount);
    const { client: admin } = await loggedIn(app, { roles: ['admin'] });

    // The public pages and a chat (the chat reads the opening hours and the chat's rules).
    expect((await app.inject({ url: '/api/public/settings' })).json().helplineName).toBe(
      defaults.helplineName,
    );
    const staffSocket = await connectStaff(host, counsellor);
    await goAvailable(counsellor, 10);
    const visitor = await startChat(app);
    const { socket } = await connectVisitor(host, visitor);
    await staffSocket.next(isStaffFrame('alert', (f) => f.conversationId === visitor.conversationId));
    const id = clientId();
    socket.send({ type: 'send', clientId: id, text: 'bonjour' });
    await socket.next(isVisitorFrame('ack', (f) => f.clientId === id));
    socket.close();
    staffSocket.close();

    // Administrators see what was replaced, field by field.
    const response = await admin.get('/api/admin/settings');
    expect(response.statusCode).toBe(200);
    const body = response.json();
    expect(body.chat.visitorMessagesPerMinute).toBe(defaults.chat.visitorMessagesPerMinute);
    expect(body.chat.idlePromptMinutes).toBe(defaults.chat.idlePromptMinutes);
    expect(body.hotline.notifier.email).toBe(defaults.hotline.notifier.email);
    expect(body.warnings).toEqual(
      expect.arrayContaining([
        {
          key: 'chat.visitorMessagesPerMinute',
          stored: 100000,
          usedDefault: defaults.chat.visitorMessagesPerMinute,
        },
        {
          key: 'hotline.notifier.email',
          stored: 'not an address',
          usedDefault: defaults.hotline.notifier.email,
        },
        { key: 'helplineName', stored: '', usedDefault: defaults.helplineName },
      ]),
    );
    expect(body.warnings.find((w: { key: string }) => w.key.startsWith('security'))).toMatchObject({
      usedDefault: expect.anything(),
    });
    // Logged once per value, at warn level.
    const warned = logs.filter((line) => line.includes('a stored setting is not valid'));
    expect(warned.some((line) => line.includes('chat.visitorMessagesPerMinute'))).toBe(true);

    // Saving the settings as shown stores valid values again: the warnings are gone.
    const { warnings: _, ...settings } = body;
    const saved = await admin.put('/api/admin/settings', settings);
    expect(saved.statusCode).toBe(200);
    expect(saved.json().warnings).toEqual([]);
    expect((await admin.get('/api/admin/settings')).json().warnings).toEqual([]);
  });
});
