// Shared steps of the chat tests: staff log in through the API (the page shares the cookie), the visitor
// fills the pre-chat form as a child would, and every test starts from a clean helpline (no conversation
// open or waiting, every counsellor offline, the chat open round the clock).
import fs from 'node:fs';
import path from 'node:path';
import { type Browser, type BrowserContext, expect, type Page } from '@playwright/test';
import { ALWAYS_OPEN, type ApiSession, apiCall, type E2eState, STATE_FILE } from './global-setup.ts';
import { apiLogin } from './second-factor.ts';

export type CounsellorKey = 'couns1' | 'couns2';
export type PresenceLabel = 'Disponible' | 'Occupé·e' | 'Absent·e' | 'Hors ligne';

const AXE = path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');

export function chatState(): E2eState {
  return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
}

function base(): string {
  return `http://127.0.0.1:${chatState().port}`;
}

/** An API call as chatadmin (administrator and supervisor). */
export function asAdmin(method: string, url: string, body?: unknown): Promise<unknown> {
  return apiCall(base(), chatState().chatAdmin.session, method, url, body);
}

function asCounsellor(key: CounsellorKey, method: string, url: string, body?: unknown): Promise<unknown> {
  return apiCall(base(), chatState().staffSessions[key] as ApiSession, method, url, body);
}

export async function setOpeningHours(openingHours: unknown): Promise<void> {
  await asAdmin('PUT', '/api/admin/settings', { openingHours });
}

export function openAllDay(): Promise<void> {
  return setOpeningHours(ALWAYS_OPEN);
}

/** Every counsellor offline, then every conversation still open or waiting ended (reason "test"). */
export async function resetHelpline(): Promise<void> {
  for (const key of ['couns1', 'couns2'] as const) {
    await asCounsellor(key, 'POST', '/api/chat/presence', { presence: 'offline' });
  }
  const board = (await asAdmin('GET', '/api/chat/board')) as {
    counsellors: Array<{ conversationIds: string[] }>;
  };
  const queue = (await asAdmin('GET', '/api/chat/queue')) as { conversations: Array<{ id: string }> };
  const open = [
    ...board.counsellors.flatMap((c) => c.conversationIds),
    ...queue.conversations.map((c) => c.id),
  ];
  for (const id of open) await asAdmin('POST', `/api/chat/conversations/${id}/end`, { reason: 'test' });
}

/** Browser contexts of one test (one per person), closed together at its end. */
export class People {
  private readonly contexts: BrowserContext[] = [];
  constructor(private readonly browser: Browser) {}

  async page(options: Parameters<Browser['newContext']>[0] = {}): Promise<Page> {
    const context = await this.browser.newContext(options);
    this.contexts.push(context);
    return context.newPage();
  }

  async close(): Promise<void> {
    await Promise.all(this.contexts.map((context) => context.close().catch(() => undefined)));
    this.contexts.length = 0;
  }
}

/** Logs a counsellor in through the API, password and code: the page's context gets the session cookie. */
export async function loginCounsellor(page: Page, key: CounsellorKey): Promise<void> {
  await apiLogin(page.request, chatState().staff[key]);
}

/** Opens the workspace (/console/chat), live, and sets the counsellor's availability if asked. */
export async function openWorkspace(page: Page, presence?: PresenceLabel): Promise<void> {
  await page.goto('/console/chat');
  await expect(page.getByRole('heading', { level: 1, name: 'Écoute' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: 'Connecté·e en direct' })).toBeVisible();
  if (presence) await setPresence(page, presence);
}

const PRESENCE_VALUES: Record<PresenceLabel, string> = {
  Disponible: 'available',
  Occupé·e: 'busy',
  Absent·e: 'away',
  'Hors ligne': 'offline',
};

export async function setPresence(page: Page, presence: PresenceLabel): Promise<void> {
  const select = page.getByLabel('Disponibilité');
  await select.selectOption({ label: presence });
  await expect(select).toHaveValue(PRESENCE_VALUES[presence]);
  await expect(select).toBeEnabled();
}

export async function counsellorPage(people: People, key: CounsellorKey, presence?: PresenceLabel) {
  const page = await people.page();
  await loginCounsellor(page, key);
  await openWorkspace(page, presence);
  return page;
}

export type PreChat = { nickname?: string; message?: string };

/** Answers the pre-chat questions (and, when closed, writes the message). */
export async function fillPreChat(page: Page, { nickname, message }: PreChat = {}): Promise<void> {
  await page.getByRole('group', { name: 'Tu es…' }).getByLabel('Un enfant ou un ado').check();
  await page.getByRole('group', { name: 'Ton âge' }).getByLabel('11 à 14 ans').check();
  await page
    .getByLabel('De quoi veux-tu parler ?')
    .selectOption({ label: "On m'insulte, on se moque de moi ou on me harcèle en ligne" });
  if (nickname) await page.getByLabel('Pseudo (facultatif)').fill(nickname);
  if (message) await page.getByLabel('Ton message', { exact: true }).fill(message);
  await page.getByLabel("J'ai lu et je comprends la confidentialité").check();
}

/** On /parler: the questions, then "Commencer la discussion"; waits for the chat screen. */
export async function startChat(page: Page, preChat: PreChat = {}): Promise<void> {
  await page.goto('/parler');
  await fillPreChat(page, preChat);
  await page.getByRole('button', { name: 'Commencer la discussion' }).click();
  await expect(page.getByRole('heading', { name: 'Ta discussion' })).toBeVisible();
}

// --- the visitor's page ---

export const visitor = {
  log: (page: Page) => page.getByRole('region', { name: 'Messages de la discussion' }),
  /** Every message bubble (own, counsellor, system), pending ones included. */
  bubbles: (page: Page) => visitor.log(page).locator('li.chat-msg'),
  fromCounsellor: (page: Page) => visitor.log(page).locator('li.chat-msg--counsellor .chat-msg__body'),
  own: (page: Page) => visitor.log(page).locator('li.chat-msg--visitor .chat-msg__body'),
  async send(page: Page, text: string) {
    await page.getByLabel('Ton message', { exact: true }).fill(text);
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    // Acknowledged by the server: the message has its seq (no longer "Envoi…").
    await expect(
      visitor.log(page).locator('li.chat-msg--visitor:not(.chat-msg--pending)').filter({ hasText: text }),
    ).toHaveCount(1);
  },
  async resume(page: Page, code: string) {
    await page.goto('/parler');
    await page.getByLabel('Code de reprise').fill(code);
    await page.getByRole('button', { name: 'Reprendre la discussion' }).click();
    await expect(page.getByRole('heading', { name: 'Ta discussion' })).toBeVisible();
  },
};

// --- the counsellor's workspace ---

export const workspace = {
  tab: (page: Page, name: string) => page.getByRole('tab', { name: new RegExp(`^${name}`) }),
  panel: (page: Page) => page.getByRole('tabpanel'),
  messages: (page: Page) => page.getByRole('region', { name: /^Messages de la conversation avec / }),
  bubbles: (page: Page) => workspace.messages(page).locator('li.chat-msg'),
  fromVisitor: (page: Page) => workspace.messages(page).locator('li.chat-msg--visitor .chat-msg__body'),
  notes: (page: Page) => workspace.messages(page).locator('li.chat-msg--note'),
  async send(page: Page, text: string, { note = false } = {}) {
    const toggle = page.getByLabel('Note interne', { exact: true });
    if (note) await toggle.check();
    await page.getByLabel('Votre réponse').fill(text);
    await page.getByRole('button', { name: 'Envoyer', exact: true }).click();
    await expect(
      workspace.messages(page).locator('li.chat-msg:not(.chat-msg--pending)').filter({ hasText: text }),
    ).toHaveCount(1);
    if (note) await toggle.uncheck();
  },
  /** "Connexion de la personne" in the conversation's profile: "En ligne" or "Hors ligne". */
  visitorConnection: (page: Page) =>
    page.locator('.chat-profile__list > div').filter({ hasText: 'Connexion de la personne' }).locator('dd'),
};

/** axe-core's serious and critical violations on the page as it is now. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Injected through the DevTools protocol: the page's own CSP (rightly) refuses inline scripts.
  await page.evaluate(fs.readFileSync(AXE, 'utf8'));
  const results = await page.evaluate(async () => {
    // biome-ignore lint/suspicious/noExplicitAny: axe is injected at run time.
    const axe = (window as any).axe;
    return axe.run(document, { resultTypes: ['violations'] });
  });
  return (results.violations as Array<{ id: string; impact: string; nodes: Array<{ target: string[] }> }>)
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** The quick exit's destination, served locally: no request leaves the machine. */
export async function stubNeutralSite(page: Page): Promise<void> {
  await page.route('https://www.meteofrance.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Météo</title><h1>Météo</h1>' }),
  );
}

/** Date (YYYY-MM-DD) in the helpline's zone, `days` from today. */
export function parisDate(days = 0): string {
  const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
  const [y, m, d] = today.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The French weekday name of a date (YYYY-MM-DD). */
export function frenchWeekday(date: string): string {
  return new Intl.DateTimeFormat('fr', { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(`${date}T12:00:00Z`),
  );
}
