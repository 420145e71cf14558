// Every staff role needs two-step verification, so every login of the browser tests gives a code, as a
// person reads it from their authenticator app. The server never accepts a code twice (nor an older one):
// the last time step used by each account is kept in a file beside the state file (tests run in several
// processes), and a login that finds this step's and the next step's codes used waits for a new one.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type APIRequestContext, expect } from '@playwright/test';
import { authenticator } from 'otplib';

const STEPS_FILE = path.join(os.tmpdir(), 'abri-e2e-totp-steps.json');
const STEP_MS = 30_000;

function readSteps(): Record<string, number> {
  try {
    return JSON.parse(fs.readFileSync(STEPS_FILE, 'utf8'));
  } catch {
    return {};
  }
}

/** A fresh run: no account has used a code yet. */
export function forgetTotpSteps(): void {
  fs.rmSync(STEPS_FILE, { force: true });
}

/** Records that `username` used the code of the step holding `at` (e.g. at enrolment). */
export function noteTotpStep(username: string, at = Date.now()): void {
  const steps = readSteps();
  steps[username] = Math.max(steps[username] ?? -1, Math.floor(at / STEP_MS));
  fs.writeFileSync(STEPS_FILE, JSON.stringify(steps));
}

/** A code the server has not seen for this account: the current step's, else the next one's, else wait. */
export async function freshTotpCode(username: string, secret: string): Promise<string> {
  for (;;) {
    const now = Date.now();
    const current = Math.floor(now / STEP_MS);
    const step = Math.max(current, (readSteps()[username] ?? -1) + 1);
    if (step <= current + 1) {
      noteTotpStep(username, step * STEP_MS);
      return authenticator.clone({ epoch: step * STEP_MS }).generate(secret);
    }
    await new Promise((resolve) => setTimeout(resolve, (current + 1) * STEP_MS - now + 100));
  }
}

export type StaffLogin = { username: string; password: string; totpSecret: string };

/** Logs in through the API, both steps: the request context (a page's) then holds an active session. */
export async function apiLogin(request: APIRequestContext, account: StaffLogin): Promise<void> {
  const login = await request.post('/api/auth/login', {
    data: { username: account.username, password: account.password },
  });
  expect(login.status(), await login.text()).toBe(200);
  expect((await login.json()).stage).toBe('totp_verify');
  const code = await freshTotpCode(account.username, account.totpSecret);
  const verified = await request.post('/api/auth/totp/verify', {
    data: { code },
    headers: { 'x-csrf-token': (await login.json()).csrfToken },
  });
  expect(verified.status(), await verified.text()).toBe(200);
  expect((await verified.json()).stage).toBe('active');
}
