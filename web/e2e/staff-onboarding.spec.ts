// The first administrator logs in with the printed one-time password, chooses a password, enrols in
// two-step verification, and creates a counsellor who then logs in.
import { expect, test } from '@playwright/test';
import { e2eState, totpCode } from './helpers.ts';

const ADMIN_PASSWORD = 'un long chemin vers la mer bleue';
const COUNSELLOR_PASSWORD = 'les lucioles dansent en juin';

test('first administrator login, forced password change, 2FA enrolment, then a new counsellor logs in', async ({
  page,
  browser,
}) => {
  const { adminPassword } = e2eState();
  await page.goto('/console/login');
  await page.getByLabel('Identifiant').fill('admin');
  await page.getByLabel('Mot de passe', { exact: true }).fill(adminPassword);
  await page.getByRole('button', { name: 'Se connecter' }).click();

  // Forced password change: a common password is refused with a clear message.
  await page.getByLabel('Nouveau mot de passe').fill('azertyuiop123');
  await page.getByLabel('Confirmer le mot de passe').fill('azertyuiop123');
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(page.getByRole('alert')).toBeVisible();
  await page.getByLabel('Nouveau mot de passe').fill(ADMIN_PASSWORD);
  await page.getByLabel('Confirmer le mot de passe').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();

  // Two-step enrolment: the QR code and the secret are shown; the test plays the authenticator app.
  await expect(page.getByRole('img', { name: /QR code/ })).toBeVisible();
  const secret = (await page.locator('code.secret').textContent())!.replace(/\s/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  await page.getByLabel('Code de vérification').fill(totpCode(secret));
  await page.getByRole('button', { name: 'Activer' }).click();
  await expect(page.getByRole('heading', { name: 'Vos codes de secours' })).toBeVisible();
  await page.getByRole('button', { name: "J'ai enregistré ces codes" }).click();
  await expect(page.getByRole('heading', { name: /Bonjour/ })).toBeVisible();

  // Create a counsellor.
  await page.getByRole('link', { name: 'Comptes' }).first().click();
  await page.getByLabel('Identifiant').fill('camille');
  await page.getByLabel('Nom affiché').fill('Camille');
  await page.getByLabel('Écoutant·e').check();
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  const oneTimePassword = (await page.locator('code.secret').textContent())!.trim();
  expect(oneTimePassword).toMatch(/^[\w]{5}-[\w]{5}-[\w]{5}-[\w]{5}$/);
  await expect(page.getByRole('row', { name: /Camille camille Écoutant·e/ })).toBeVisible();

  // The counsellor logs in, in a browser of their own, and must change the password first.
  const context = await browser.newContext();
  const counsellor = await context.newPage();
  await counsellor.goto('/console/login');
  await counsellor.getByLabel('Identifiant').fill('camille');
  await counsellor.getByLabel('Mot de passe', { exact: true }).fill(oneTimePassword);
  await counsellor.getByRole('button', { name: 'Se connecter' }).click();
  await counsellor.getByLabel('Nouveau mot de passe').fill(COUNSELLOR_PASSWORD);
  await counsellor.getByLabel('Confirmer le mot de passe').fill(COUNSELLOR_PASSWORD);
  await counsellor.getByRole('button', { name: 'Enregistrer le mot de passe' }).click();
  await expect(counsellor.getByRole('heading', { name: 'Bonjour, Camille' })).toBeVisible();
  // The counsellor is not offered administration.
  await expect(counsellor.getByRole('link', { name: 'Comptes' })).toHaveCount(0);
  expect((await counsellor.request.get('/api/admin/users')).status()).toBe(403);
  await context.close();

  // The administrator logs in again: password, then the second factor.
  await page.context().clearCookies();
  await page.goto('/console/login');
  await page.getByLabel('Identifiant').fill('admin');
  await page.getByLabel('Mot de passe', { exact: true }).fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.getByLabel('Code de vérification').fill(totpCode(secret, 1));
  await page.getByRole('button', { name: 'Vérifier' }).click();
  await expect(page.getByRole('heading', { name: /Bonjour/ })).toBeVisible();

  // The audit trail shows what happened.
  await page
    .getByRole('link', { name: 'Journal d’audit' })
    .or(page.getByRole('link', { name: "Journal d'audit" }))
    .first()
    .click();
  await expect(page.getByText('user.created').first()).toBeVisible();
});
