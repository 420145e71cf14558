// What the hotline's browser tests share: an analyst account of their own, logged in in a page.
import { expect, type Page } from '@playwright/test';
import { asAdmin, chatState, type People } from './chat-helpers.ts';
import { firstLogin } from './global-setup.ts';
import { apiLogin } from './second-factor.ts';

/** An analyst of their own, made by the administrator, who chooses a password at a first login. */
export async function analystPage(people: People): Promise<Page> {
  const username = `analyste-${Date.now().toString(36)}`;
  const password = 'la balise clignote au large';
  const { oneTimePassword } = (await asAdmin('POST', '/api/admin/users', {
    username,
    displayName: 'Lou',
    roles: ['analyst'],
  })) as { oneTimePassword: string };
  // The first login sets the password and enrols in two-step verification, required for analysts.
  const { totpSecret } = await firstLogin(
    `http://127.0.0.1:${chatState().port}`,
    username,
    oneTimePassword,
    password,
  );
  expect(totpSecret, 'an analyst enrols in two-step verification').toBeTruthy();
  const page = await people.page({ viewport: { width: 1400, height: 1000 } });
  await apiLogin(page.request, { username, password, totpSecret: totpSecret! });
  return page;
}
