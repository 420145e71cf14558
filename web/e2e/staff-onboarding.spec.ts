// The first administrator logs in with the printed one-time password, chooses a password, enrols in
// two-step verification, and creates a counsellor (with the alias children will see) who then logs in and
// must enrol too, as every role must; the administrator relaxes that for counsellors, and the console
// warns until it is required again.
import { expect, test } from '@playwright/test';
import { e2eState, totpCode } from './helpers.ts';

const ADMIN_PASSWORD = 'un long chemin vers la mer bleue';
const COUNSELLOR_PASSWORD = 'les lucioles dansent en juin';

test('first administrator login, forced password change, 2FA enrolment, then a new counsellor logs in and enrols', async ({
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
  await page.getByLabel('Nom vu par les enfants (facultatif)').fill('Cam');
  await page.getByLabel('Écoutant·e').check();
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  const oneTimePassword = (await page.locator('code.secret').textContent())!.trim();
  expect(oneTimePassword).toMatch(/^[\w]{5}-[\w]{5}-[\w]{5}-[\w]{5}$/);
  await expect(page.getByRole('row', { name: /Camille camille Écoutant·e/ })).toBeVisible();
  await expect(page.getByRole('row', { name: /Camille camille Écoutant·e/ })).toContainText(
    'Vu par les enfants : « Cam »',
  );

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
  // Then two-step enrolment, required for counsellors too.
  await expect(
    counsellor.getByRole('heading', { name: 'Activer la vérification en deux étapes' }),
  ).toBeVisible();
  const counsellorSecret = (await counsellor.locator('code.secret').textContent())!.replace(/\s/g, '');
  await counsellor.getByLabel('Code de vérification').fill(totpCode(counsellorSecret));
  await counsellor.getByRole('button', { name: 'Activer' }).click();
  await expect(counsellor.getByRole('heading', { name: 'Vos codes de secours' })).toBeVisible();
  await counsellor.getByRole('button', { name: "J'ai enregistré ces codes" }).click();
  await expect(counsellor.getByRole('heading', { name: 'Bonjour, Camille' })).toBeVisible();
  // Her account page says which name children see, and she may choose another.
  await counsellor.getByRole('link', { name: 'Mon compte' }).first().click();
  await expect(counsellor.getByText('Les enfants vous voient sous le nom « Cam ».')).toBeVisible();
  await counsellor.getByLabel('Nom vu par les enfants (facultatif)').fill('Camille');
  await counsellor.getByRole('button', { name: 'Enregistrer le nom' }).click();
  await expect(counsellor.getByText('Les enfants vous voient sous le nom « Camille ».')).toBeVisible();
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

  // Relaxing two-step verification for counsellors: a warning on the settings page and on the home page,
  // never a choice for administrators; then required again.
  await page.getByRole('link', { name: 'Paramètres' }).first().click();
  const required = page.getByRole('group', { name: 'Vérification en deux étapes obligatoire pour' });
  await expect(required.getByLabel('Administrateur·rice')).toBeDisabled();
  await expect(required.getByLabel('Administrateur·rice')).toBeChecked();
  await required.getByLabel('Écoutant·e').uncheck();
  await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
  await expect(page.getByText('Les paramètres ont été enregistrés.')).toBeVisible();
  await expect(
    page.getByText(/la vérification en deux étapes n'est plus obligatoire pour Écoutant·e/),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Accueil' }).first().click();
  await expect(
    page.getByText(/la vérification en deux étapes n'est pas obligatoire pour Écoutant·e/),
  ).toBeVisible();
  await page.getByRole('link', { name: 'Revoir les paramètres de sécurité' }).click();
  await required.getByLabel('Écoutant·e').check();
  await page.getByRole('button', { name: 'Enregistrer les paramètres' }).click();
  await expect(page.getByText('Les paramètres ont été enregistrés.')).toBeVisible();
  await page.getByRole('link', { name: 'Accueil' }).first().click();
  await expect(page.getByRole('heading', { name: /Bonjour/ })).toBeVisible();
  await expect(page.getByText(/n'est pas obligatoire pour/)).toHaveCount(0);

  // The audit trail shows what happened.
  await page
    .getByRole('link', { name: 'Journal d’audit' })
    .or(page.getByRole('link', { name: "Journal d'audit" }))
    .first()
    .click();
  await expect(page.getByText('user.created').first()).toBeVisible();
});
