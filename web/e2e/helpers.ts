import fs from 'node:fs';
import type { Page } from '@playwright/test';
import { authenticator } from 'otplib';
import { STATE_FILE } from './global-setup.ts';

export function e2eState(): { adminPassword: string; port: string } {
  return JSON.parse(fs.readFileSync(STATE_FILE, 'utf8'));
}

/** The current code of an authenticator app holding this secret, one step ahead if the last was used. */
export function totpCode(secret: string, offsetSteps = 0): string {
  return authenticator.clone({ epoch: Date.now() + offsetSteps * 30_000 }).generate(secret);
}

/** Requests to any origin other than Abri's, recorded from the page's network events. */
export function recordForeignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith('data:') && !url.startsWith('blob:')) foreign.push(url);
  });
  return foreign;
}

export const PUBLIC_PAGES = ['/', '/parler', '/signaler', '/ressources', '/confidentialite'];
