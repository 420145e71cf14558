// A small helpline's world for the route × role matrix and the fuzz tests: one logged-in client per identity
// (anonymous, a login not finished, each role, and a second counsellor and analyst for ownership), and
// factories for the objects routes act on, each created through the API like the console does, owned by the
// first counsellor or analyst.
import { randomBytes } from 'node:crypto';
import { ROLES, type TRole } from '@abri/contracts';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import sharp from 'sharp';
import { hashPassword } from '../src/infra/crypto.ts';
import { queueMail } from '../src/infra/mail.ts';
import { multipart, newAddress } from '../src/modules/hotline/test-support.ts';
import { createUser } from '../src/modules/identity/index.ts';
import { generateTotpSecret } from '../src/modules/identity/totp.ts';
import { startChat } from './chat-clients.ts';
import { STRONG_PASSWORD, type Staff, StaffClient, unique } from './helpers.ts';

/** Who calls: the columns of the route matrix. */
export const IDENTITIES = [
  'anonymous',
  /** Logged in with a password that must be changed first: only the steps of logging in are open. */
  'unfinished',
  'counsellor',
  /** Another counsellor: the first counsellor's chats, contacts, cases and escalations are not theirs. */
  'other-counsellor',
  'supervisor',
  'analyst',
  /** Another analyst: the first analyst holds the item. */
  'other-analyst',
  'admin',
] as const;
export type Identity = (typeof IDENTITIES)[number];

const ROLE_OF: Record<Exclude<Identity, 'anonymous'>, TRole> = {
  unfinished: 'counsellor',
  counsellor: 'counsellor',
  'other-counsellor': 'counsellor',
  supervisor: 'supervisor',
  analyst: 'analyst',
  'other-analyst': 'analyst',
  admin: 'admin',
};

// Every role has its column (a role added to ROLES without one fails here, at type level and at run time).
for (const role of ROLES)
  if (!Object.values(ROLE_OF).includes(role)) throw new Error(`role ${role} has no identity in the matrix`);

/** An anonymous caller: a browser without a session, from an address of its own for each request. */
export class AnonymousClient {
  constructor(readonly app: FastifyInstance) {}
  request(options: InjectOptions & { url: string }): Promise<LightMyRequestResponse> {
    return this.app.inject({ remoteAddress: newAddress(), ...options });
  }
}

export type Caller = StaffClient | AnonymousClient;

export interface World {
  app: FastifyInstance;
  clients: Record<Identity, Caller>;
  staff: Record<Exclude<Identity, 'anonymous'>, Staff>;
  /** A new login for this identity (same role), for routes that end or change the session they use. */
  fresh(identity: Identity, options?: { totp?: boolean }): Promise<Caller>;
}

/** Staff created like createStaff does, but sharing one password hash (Argon2 is the slow part of a world). */
let sharedHash: Promise<string> | undefined;
export async function quickStaff(
  app: FastifyInstance,
  role: TRole,
  mustChangePassword = false,
  // Every role needs two-step verification by default (an administrator may relax it per role).
  totp = true,
): Promise<Staff> {
  sharedHash ??= hashPassword(STRONG_PASSWORD);
  const { db, clock } = app.context;
  const username = unique(role);
  const { user } = await createUser(
    db,
    clock,
    { id: null, name: 'test' },
    { username, displayName: `Test ${username}`, roles: [role] },
    'cli',
  );
  const totpSecret = totp ? generateTotpSecret() : null;
  await db
    .updateTable('users')
    .set({
      password_hash: await sharedHash,
      must_change_password: mustChangePassword,
      totp_secret: totpSecret,
      totp_enabled_at: totpSecret ? clock.now() : null,
    })
    .where('id', '=', user.id)
    .execute();
  return { id: user.id, username, password: STRONG_PASSWORD, totpSecret };
}

async function login(app: FastifyInstance, identity: Exclude<Identity, 'anonymous'>, totp?: boolean) {
  const role = ROLE_OF[identity];
  const staff = await quickStaff(app, role, identity === 'unfinished', totp ?? true);
  const client = new StaffClient(app);
  await client.login(staff);
  return { staff, client };
}

export async function buildWorld(app: FastifyInstance): Promise<World> {
  const clients = { anonymous: new AnonymousClient(app) } as Record<Identity, Caller>;
  const staff = {} as World['staff'];
  await Promise.all(
    IDENTITIES.map(async (identity) => {
      if (identity === 'anonymous') return;
      const made = await login(app, identity);
      clients[identity] = made.client;
      staff[identity] = made.staff;
    }),
  );
  return {
    app,
    clients,
    staff,
    fresh: async (identity, options) =>
      identity === 'anonymous'
        ? new AnonymousClient(app)
        : (await login(app, identity, options?.totp)).client,
  };
}

function expectStatus(response: LightMyRequestResponse, status: number, what: string) {
  if (response.statusCode !== status)
    throw new Error(`factory ${what}: ${response.statusCode} ${response.body.slice(0, 500)}`);
  return response;
}

const ESCALATION_FORM = {
  kind: 'law_enforcement',
  whatHappened: 'A 14-year-old is being blackmailed with a video.',
  when: 'Since Saturday',
  platform: 'Snapchat',
  otherPersonIdentifiers: [],
  evidenceReferences: [],
  urgency: 'urgent',
  suspectedOffences: 'Sextortion',
  victimAgeBand: '11_14',
  complaintIntended: 'unknown',
};

/** The objects routes act on, created fresh for each route that needs them (a route may change or delete them). */
export function factories(world: World) {
  const counsellor = world.clients.counsellor as StaffClient;
  const analyst = world.clients.analyst as StaffClient;
  const admin = world.clients.admin as StaffClient;
  const { app } = world;
  const f = {
    /** A chat waiting in the queue. */
    async queuedConversation(): Promise<string> {
      return (await startChat(app, {}, newAddress())).conversationId;
    },
    /** A chat the first counsellor holds. */
    async conversation(): Promise<string> {
      // Many routes each get a chat of their own: the counsellor's capacity is not the point here.
      await app.context.db
        .insertInto('counsellor_presence')
        .values({ user_id: world.staff.counsellor.id, capacity: 10_000 })
        .onConflict((oc) => oc.column('user_id').doUpdateSet({ capacity: 10_000 }))
        .execute();
      const id = await f.queuedConversation();
      expectStatus(await counsellor.post(`/api/chat/conversations/${id}/pick`), 200, 'pick');
      return id;
    },
    /** The record of a chat the first counsellor holds; returns the conversation. */
    async conversationWithContact(): Promise<string> {
      const id = await f.conversation();
      expectStatus(await counsellor.post('/api/contacts', { conversationId: id }), 201, 'chat contact');
      return id;
    },
    async contact(): Promise<{ id: string; revision: number }> {
      const response = await counsellor.post('/api/contacts', { channel: 'phone', callType: 'counselling' });
      return expectStatus(response, 201, 'contact').json();
    },
    async case(): Promise<{ id: string; revision: number }> {
      const contact = await f.contact();
      const response = await counsellor.post('/api/cases', { title: 'Sextortion', contactIds: [contact.id] });
      return expectStatus(response, 201, 'case').json();
    },
    async caseDocument(caseId: string): Promise<string> {
      const response = await counsellor.request({
        method: 'POST',
        url: `/api/cases/${caseId}/documents?filename=note.txt`,
        payload: Buffer.from('A note about the case.\n'),
        headers: { 'content-type': 'application/octet-stream' },
      });
      return expectStatus(response, 201, 'document').json().id;
    },
    async partner(): Promise<string> {
      const response = await admin.post('/api/partners', {
        code: unique('bpm').toLowerCase().replace(/-/g, '_'),
        kind: 'law_enforcement',
        name: 'Brigade (test)',
        email: `${unique('brigade')}@example.org`,
        phone: null,
        url: null,
        regions: ['75'],
        notes: null,
        active: true,
      });
      return expectStatus(response, 201, 'partner').json().id;
    },
    /** A draft escalation by the first counsellor. */
    async escalation(): Promise<string> {
      const contact = await f.contact();
      const partnerId = await f.partner();
      const response = await counsellor.post('/api/escalations', {
        contactId: contact.id,
        partnerId,
        form: ESCALATION_FORM,
      });
      return expectStatus(response, 201, 'escalation').json().id;
    },
    async cannedResponse(): Promise<string> {
      const response = await admin.post('/api/admin/canned-responses', {
        language: 'fr',
        shortcut: `t${randomBytes(6).toString('hex')}`,
        title: 'Bonjour',
        body: 'Bonjour, je suis là pour t’écouter.',
      });
      return expectStatus(response, 201, 'canned response').json().id;
    },
    async bank(): Promise<string> {
      const response = await admin.post('/api/hash-banks', {
        name: unique('bank').toLowerCase(),
        kind: 'other',
        source: 'matrix test',
      });
      return expectStatus(response, 201, 'bank').json().id;
    },
    /** A public report with a screenshot; the first analyst holds its item. */
    async item(): Promise<{ itemId: string; fileId: string; trackingCode: string }> {
      const host = `${unique('m')}.example`;
      const png = await sharp({ create: { width: 32, height: 24, channels: 3, background: '#336699' } })
        .png()
        .toBuffer();
      const report = await app.inject({
        method: 'POST',
        url: '/api/hotline/reports',
        remoteAddress: newAddress(),
        ...multipart([
          { name: 'category', value: 'cyber_harassment' },
          { name: 'urls', value: `https://${host}/page` },
          { name: 'screenshots', value: png, filename: 'a.png', contentType: 'image/png' },
        ]),
      });
      const { trackingCode } = expectStatus(report, 201, 'report').json();
      const items = expectStatus(
        await analyst.get(`/api/hotline/items?status=all&host=${host}`),
        200,
        'items',
      );
      const itemId = items.json().items[0].id;
      expectStatus(await analyst.post(`/api/hotline/items/${itemId}/claim`), 200, 'claim');
      const item = expectStatus(await analyst.get(`/api/hotline/items/${itemId}`), 200, 'item').json();
      return { itemId, fileId: item.reports[0].files[0].id, trackingCode };
    },
    /** A mail held in the outbox (no SMTP server configured). */
    async heldMail(): Promise<string> {
      const { id } = await queueMail(app.context.db, {
        to: ['someone@example.org'],
        subject: 'Matrix',
        text: 'A mail that never left.',
      });
      await app.context.db.updateTable('mail_outbox').set({ status: 'held' }).where('id', '=', id).execute();
      return id;
    },
    /** A staff account nobody in the world uses (the administrators' user routes act on it). */
    async user(): Promise<string> {
      return (await quickStaff(app, 'counsellor')).id;
    },
  };
  return f;
}
