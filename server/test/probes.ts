// A valid request for every route, on real objects: what the route matrix sends as each identity, and the
// baseline the fuzz makes hostile one field at a time. Parameters, query and body come from the OpenAPI
// document's schemas; the bindings below replace what a schema cannot know (the id of an object that exists,
// a body that refers to one, a file, a form).
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import { guardedRoutes } from '../src/http/guard.ts';
import { currentTotp } from '../src/modules/identity/index.ts';
import { startChat } from './chat-clients.ts';
import { STRONG_PASSWORD, type StaffClient } from './helpers.ts';
import {
  type OpenApiDocument,
  type Operation,
  openApiPath,
  operations,
  routeKey,
  sampleOf,
} from './openapi-samples.ts';
import { type Caller, factories, type World } from './world.ts';

export interface Probe {
  params: Record<string, unknown>;
  query: Record<string, unknown>;
  body?: unknown;
  /** A body that is not JSON: a file, a form. */
  raw?: { payload: string | Buffer; contentType: string };
  /** The route ends or changes the caller's session: each identity uses a login of its own. */
  fresh?: boolean;
  /** Fresh logins with two-step verification enabled. */
  freshTotp?: boolean;
  /** Done by each caller before its request; returns the body to send. */
  prepare?: (caller: Caller) => Promise<unknown>;
  /** A WebSocket route: the probe is an upgrade. */
  websocket?: boolean;
}

export interface RouteInfo {
  method: string;
  /** The document's way: /api/cases/{id}. */
  path: string;
  key: string;
  operation: Operation | undefined;
}

/**
 * Every route the app registers, from the guard's table (which every route enters, hidden ones included),
 * HEAD left out (Fastify adds it to each GET).
 */
export function routesOf(app: FastifyInstance): RouteInfo[] {
  return guardedRoutes(app)
    .filter((route) => route.method !== 'HEAD')
    .map((route) => {
      const path = openApiPath(route.url);
      return { method: route.method, path, key: routeKey(route.method, path), operation: undefined };
    });
}

export async function documentOf(app: FastifyInstance): Promise<OpenApiDocument> {
  return (await app.inject({ url: '/api/openapi.json' })).json();
}

export function attachOperations(routes: RouteInfo[], doc: OpenApiDocument): void {
  const byKey = new Map(operations(doc).map((op) => [op.key, op]));
  for (const route of routes) route.operation = byKey.get(route.key);
}

type Factories = ReturnType<typeof factories>;
type Binding = (f: Factories, world: World) => Promise<Partial<Probe>>;

const chat = (f: Factories) => f.conversation().then((id) => ({ params: { id } }));
const contact = (f: Factories) =>
  f.contact().then(({ id, revision }) => ({ params: { id }, body: { revision } }));
const theCase = (f: Factories) => f.case().then(({ id }) => ({ params: { id } }));
const escalation = (f: Factories) => f.escalation().then((id) => ({ params: { id } }));
const item = (f: Factories) => f.item().then(({ itemId }) => ({ params: { id: itemId } }));
const user = (f: Factories) => f.user().then((id) => ({ params: { id } }));
const mail = (f: Factories) => f.heldMail().then((id) => ({ params: { id } }));
const bank = (f: Factories) => f.bank().then((id) => ({ params: { id } }));
const fresh = async () => ({ fresh: true });

/** The current version of a guidance document, sent back unchanged (a valid save). */
async function currentGuidance(world: World, url: string) {
  const current = (await (world.clients.admin as StaffClient).get(url)).json();
  return {
    baseVersion: current.version,
    ...(current.items ? { items: current.items } : { body: current.body }),
  };
}

const BINDINGS: Record<string, Binding> = {
  // The pages need the web client built (503 until then): an unknown API path is the same for every build.
  'GET /*': async () => ({ params: { '*': 'api/no-such-route' } }),
  'POST /api/auth/login': async (f, world) => {
    const id = await f.user();
    const row = await world.app.context.db
      .selectFrom('users')
      .select('username')
      .where('id', '=', id)
      .executeTakeFirstOrThrow();
    return { fresh: true, body: { username: row.username, password: STRONG_PASSWORD } };
  },
  'POST /api/auth/password': async () => ({
    fresh: true,
    body: { currentPassword: STRONG_PASSWORD, newPassword: 'a brand new phrase of my own 77' },
  }),
  'POST /api/auth/logout': fresh,
  'POST /api/auth/logout-everywhere': fresh,
  'POST /api/auth/totp/setup': fresh,
  // Enabling follows a setup in the same session, with a code from the new secret.
  'POST /api/auth/totp/enable': async (_f, world) => ({
    fresh: true,
    prepare: async (caller) => {
      const setup = await caller.request({ method: 'POST', url: '/api/auth/totp/setup', payload: {} });
      const secret = setup.statusCode === 200 ? setup.json().secret : undefined;
      return { code: secret ? currentTotp(secret, world.app.context.clock.now()) : '000000' };
    },
  }),
  'POST /api/auth/totp/disable': async () => ({ fresh: true, freshTotp: true }),
  'POST /api/auth/recovery-codes': async () => ({ fresh: true, freshTotp: true }),
  'PATCH /api/admin/users/{id}': user,
  'POST /api/admin/users/{id}/unlock': user,
  'POST /api/admin/users/{id}/reset-totp': user,
  'POST /api/admin/users/{id}/reset-link': user,
  'GET /api/admin/outbox/{id}': mail,
  'POST /api/admin/outbox/{id}/retry': mail,
  'PUT /api/admin/canned-responses/{id}': (f) => f.cannedResponse().then((id) => ({ params: { id } })),
  'DELETE /api/admin/canned-responses/{id}': (f) => f.cannedResponse().then((id) => ({ params: { id } })),
  'POST /api/chat/resume': async (_f, world) => {
    const visitor = await startChat(world.app);
    return { body: { resumeCode: visitor.resumeCode, deviceToken: visitor.deviceToken } };
  },
  'POST /api/chat/survey': async (_f, world) => {
    const visitor = await startChat(world.app);
    return { body: { visitorToken: visitor.visitorToken } };
  },
  'GET /api/chat/visitor/socket': async () => ({ websocket: true }),
  'GET /api/chat/staff/socket': async () => ({ websocket: true }),
  'POST /api/chat/presence': async () => ({ body: { presence: 'away' } }),
  'GET /api/chat/conversations/{id}': chat,
  'POST /api/chat/conversations/{id}/pick': chat,
  'POST /api/chat/conversations/{id}/transfer': async (f, world) => ({
    ...(await chat(f)),
    body: { toCounsellorId: world.staff['other-counsellor'].id },
  }),
  'POST /api/chat/conversations/{id}/end': async (f) => ({
    ...(await chat(f)),
    body: { reason: 'resolved' },
  }),
  'POST /api/chat/conversations/{id}/take-over': chat,
  'POST /api/chat/conversations/{id}/block': async (f) => ({ ...(await chat(f)), body: { hours: 1 } }),
  'GET /api/chat/conversations/{id}/contact': (f) =>
    f.conversationWithContact().then((id) => ({ params: { id } })),
  'GET /api/contacts/{id}': contact,
  'PATCH /api/contacts/{id}': contact,
  'GET /api/cases/{id}': theCase,
  'PATCH /api/cases/{id}': theCase,
  'POST /api/cases/{id}/notes': async (f) => ({
    ...(await theCase(f)),
    body: { body: 'Called back, all well.' },
  }),
  'POST /api/cases/{id}/contacts': async (f) => ({
    ...(await theCase(f)),
    body: { contactId: (await f.contact()).id },
  }),
  'POST /api/cases/{id}/documents': async (f) => ({
    ...(await theCase(f)),
    query: { filename: 'note.txt' },
    raw: { payload: Buffer.from('A note.\n'), contentType: 'application/octet-stream' },
  }),
  'GET /api/cases/{id}/documents/{documentId}': async (f) => {
    const { id } = await f.case();
    return { params: { id, documentId: await f.caseDocument(id) } };
  },
  'GET /api/cases/{id}/pdf': theCase,
  'PUT /api/partners/{id}': async (f) => ({
    params: { id: await f.partner() },
    body: {
      code: `p${Date.now()}`,
      kind: 'law_enforcement',
      name: 'Brigade (renamed)',
      email: 'brigade@example.org',
      phone: null,
      url: null,
      regions: [],
      notes: null,
      active: true,
    },
  }),
  'POST /api/escalations': async (f) => ({
    body: {
      contactId: (await f.contact()).id,
      partnerId: await f.partner(),
      form: {
        kind: 'law_enforcement',
        whatHappened: 'Blackmail with a video.',
        when: 'Yesterday',
        otherPersonIdentifiers: [],
        evidenceReferences: [],
        urgency: 'urgent',
        victimAgeBand: '11_14',
        complaintIntended: 'unknown',
      },
    },
  }),
  'GET /api/escalations/{id}': escalation,
  'PATCH /api/escalations/{id}': escalation,
  'POST /api/escalations/{id}/submit': escalation,
  'POST /api/escalations/{id}/approve': escalation,
  'POST /api/escalations/{id}/reject': async (f) => ({
    ...(await escalation(f)),
    body: { comment: 'Not yet.' },
  }),
  'POST /api/escalations/{id}/send': async (f) => ({ ...(await escalation(f)), body: { via: 'phone' } }),
  'POST /api/escalations/{id}/acknowledge': escalation,
  'POST /api/escalations/{id}/close': async (f) => ({ ...(await escalation(f)), body: { note: 'Done.' } }),
  'GET /api/escalations/{id}/pdf': escalation,
  'PUT /api/guidance/protocols/{topic}': async (_f, world) => ({
    params: { topic: 'sextortion' },
    body: await currentGuidance(world, '/api/guidance/protocols/sextortion'),
  }),
  'GET /api/guidance/protocols/{topic}/versions/{version}': async () => ({
    params: { topic: 'sextortion', version: 1 },
  }),
  'PUT /api/guidance/platforms': async (_f, world) => ({
    body: await currentGuidance(world, '/api/guidance/platforms'),
  }),
  'PUT /api/guidance/taxonomies/{name}': async (_f, world) => {
    const all = (await (world.clients.admin as StaffClient).get('/api/guidance/taxonomies')).json();
    const ages = all.find((t: { name: string }) => t.name === 'age_bands');
    return { params: { name: 'age_bands' }, body: { baseVersion: ages.version, items: ages.items } };
  },
  'GET /api/hash-banks/{id}': bank,
  'PATCH /api/hash-banks/{id}': bank,
  'DELETE /api/hash-banks/{id}': bank,
  'GET /api/hash-banks/{id}/export.csv': bank,
  'POST /api/hash-banks/{id}/import': async (f) => ({
    ...(await bank(f)),
    query: {},
    raw: { payload: '', contentType: 'text/plain' },
  }),
  'GET /api/hotline/reports/status': (f) =>
    f.item().then(({ trackingCode }) => ({ query: { code: trackingCode } })),
  'POST /signaler/simple': async () => ({
    raw: {
      payload: 'category=other&urls=https%3A%2F%2Fexample.org%2Fx',
      contentType: 'application/x-www-form-urlencoded',
    },
  }),
  'GET /api/hotline/files/{id}/preview': (f) => f.item().then(({ fileId }) => ({ params: { id: fileId } })),
  'GET /api/hotline/files/{id}/reveal': (f) => f.item().then(({ fileId }) => ({ params: { id: fileId } })),
  'POST /api/hotline/items/{id}/transfer': async (f, world) => {
    // The directory ships without addresses: one hotline made reachable, as an administrator would.
    await world.app.context.db
      .updateTable('foreign_hotlines')
      .set({ email: 'transfer@hotline.example', active: true })
      .where('code', '=', 'de_eco')
      .execute();
    return { ...(await item(f)), body: { hotline: 'de_eco' } };
  },
  'PUT /api/hotline/items/{id}/assessment': async (f) => ({
    ...(await item(f)),
    body: {
      classification: 'baseline',
      contentType: 'image',
      victimAge: 'prepubescent',
      victimGender: 'unknown',
      siteType: 'image_hosting',
      offences: ['FR:227-23'],
      notes: 'Checked twice.',
    },
  }),
  'POST /api/hotline/items/{id}/bank': async (f) => ({
    ...(await item(f)),
    body: { bankId: await f.bank() },
  }),
  'PUT /api/hotline/hotlines/{code}': async () => ({
    params: { code: 'de_eco' },
    body: { email: null, url: 'https://www.eco.de', active: true },
  }),
};

/** The probe of a route: valid parameters, query and body, on objects made for it. */
export async function probeFor(route: RouteInfo, world: World, f = factories(world)): Promise<Probe> {
  const op = route.operation;
  const sampled: Probe = {
    params: Object.fromEntries((op?.pathParams ?? []).map((p) => [p.name, sampleOf(p.schema)])),
    query: Object.fromEntries(
      (op?.query ?? []).filter((q) => q.required).map((q) => [q.name, sampleOf(q.schema)]),
    ),
    body: op?.body ? sampleOf(op.body) : undefined,
  };
  let bound: Partial<Probe> | undefined = BINDINGS[route.key]
    ? await BINDINGS[route.key]!(f, world)
    : undefined;
  if (!bound) {
    // Routes of an item or a bank whose binding is the object alone.
    if (route.path.startsWith('/api/hotline/items/{id}')) bound = await item(f);
    else if (route.path.startsWith('/api/hash-banks/{id}')) bound = await bank(f);
  }
  return {
    ...sampled,
    ...bound,
    params: { ...sampled.params, ...bound?.params },
    query: { ...sampled.query, ...bound?.query },
    body: bound && 'body' in bound ? bound.body : sampled.body,
  };
}

export function injectOptions(route: RouteInfo, probe: Probe, url: string): InjectOptions & { url: string } {
  const options: InjectOptions & { url: string } = { method: route.method as InjectOptions['method'], url };
  if (probe.raw) {
    options.payload = probe.raw.payload;
    options.headers = { 'content-type': probe.raw.contentType };
  } else if (probe.body !== undefined) {
    options.payload = JSON.stringify(probe.body);
    options.headers = { 'content-type': 'application/json' };
  }
  return options;
}

export type { LightMyRequestResponse };
