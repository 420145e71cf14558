// Reporting content: the form on /signaler (with JavaScript) sends a report and shows its receipt, whose
// tracking code then reads back on the status page; both pages pass axe, fit a 320 px screen, load nothing
// from elsewhere and set no cookie. The same report through the server's JavaScript-free form
// (/signaler/simple) also ends with a receipt and a code.
import { type BrowserContext, expect, type Page, test } from '@playwright/test';
import { seriousViolations, stubNeutralSite } from './chat-helpers.ts';
import { recordForeignRequests } from './helpers.ts';

const CODE = /^[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}$/;

async function overflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

async function fillUrlReport(page: Page, address: string) {
  await page.getByRole('radio', { name: 'Harcèlement', exact: true }).check();
  await page.getByRole('radio', { name: 'Sur un site internet' }).check();
  await page.getByLabel('Adresse 1', { exact: true }).fill(address);
  await page.getByRole('button', { name: 'Ajouter une autre adresse' }).click();
  // The new row has the focus: typed straight in, as a keyboard user would.
  await expect(page.getByLabel('Adresse 2', { exact: true })).toBeFocused();
  await page.keyboard.type('http://192.168.1.20/private');
  await page
    .getByLabel(/Racontez ce que vous avez vu/)
    .fill('Des insultes sur une élève de ma classe, tous les jours.');
}

test('a URL report sent with JavaScript gives a receipt whose code reads back on the status page', async ({
  page,
  baseURL,
  context,
}) => {
  const foreign = recordForeignRequests(page, baseURL!);
  await page.goto('/signaler');
  await expect(page.getByRole('heading', { name: 'Votre signalement' })).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page), 'form').toEqual([]);

  // Nothing filled in: the messages are next to the fields, the focus on the first of them.
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await expect(page.getByText('Choisissez ce qui ressemble le plus à ce que vous avez vu.')).toBeVisible();
  await expect(page.getByText('Donnez au moins une adresse, ou le nom de')).toBeVisible();
  await expect(page.getByRole('radio', { name: "Images sexuelles d'un enfant" })).toBeFocused();
  expect(await seriousViolations(page), 'form with errors').toEqual([]);

  // For child sexual abuse content, no screenshots: a message says to give the address only.
  await expect(page.getByLabel(/Captures d'écran/)).toBeVisible();
  await page.getByRole('radio', { name: "Images sexuelles d'un enfant" }).check();
  await expect(page.getByLabel(/Captures d'écran/)).toHaveCount(0);
  await expect(page.getByRole('heading', { name: "N'envoyez pas d'images" })).toBeVisible();

  const address = `https://example.com/harcelement/${Date.now()}`;
  await fillUrlReport(page, address);
  await page.getByLabel(/Votre adresse e-mail/).fill('pas-une-adresse');
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await expect(page.getByText("Cette adresse e-mail n'a pas l'air complète")).toBeVisible();
  await expect(page.getByLabel(/Votre adresse e-mail/)).toBeFocused();
  await page.getByLabel(/Votre adresse e-mail/).fill('');
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click();

  // The receipt: the code, the address kept, the one refused with its reason in plain words.
  await expect(page.getByRole('heading', { name: 'Merci, votre signalement est bien envoyé' })).toBeFocused();
  const code = (await page.getByTestId('tracking-code').textContent())?.trim() ?? '';
  expect(code).toMatch(CODE);
  await expect(page.getByText('Gardez ce code pour suivre votre signalement.')).toBeVisible();
  await expect(page.getByRole('listitem').filter({ hasText: address })).toBeVisible();
  await expect(page.getByText("cette adresse n'est pas sur internet")).toBeVisible();
  expect(await seriousViolations(page), 'receipt').toEqual([]);

  // The status page, opened from the receipt: the code leaves the address bar, the status is shown.
  await page.getByRole('link', { name: 'Voir où en est mon signalement' }).click();
  await expect(page.getByRole('heading', { name: 'Suivre un signalement', level: 1 })).toBeVisible();
  await expect(page.getByText('Reçu : nous avons bien votre signalement')).toBeVisible();
  expect(new URL(page.url()).search).toBe('');
  await expect(page.getByLabel('Code de suivi')).toHaveValue(code);
  expect(await seriousViolations(page), 'status').toEqual([]);

  // A wrong code says so next to the field, and tells nothing else.
  await page.getByLabel('Code de suivi').fill('ZZZZZ-ZZZZZ-ZZZZZ');
  await page.getByRole('button', { name: 'Voir où il en est' }).click();
  await expect(page.getByText('Nous ne trouvons pas de signalement avec ce code.')).toBeVisible();
  await expect(page.getByText('Reçu : nous avons bien votre signalement')).toHaveCount(0);
  expect(await seriousViolations(page), 'status with an error').toEqual([]);

  expect(foreign).toEqual([]);
  expect(await context.cookies()).toEqual([]);
});

test('the report form, its receipt and the status page fit a 320 px screen; quick exit stays', async ({
  browser,
  baseURL,
}) => {
  const context = await browser.newContext({
    viewport: { width: 320, height: 640 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  await stubNeutralSite(page);
  await page.goto('/signaler');
  await expect(page.getByRole('heading', { name: 'Votre signalement' })).toBeVisible();
  expect(await overflow(page), 'form').toBeLessThanOrEqual(0);
  await fillUrlReport(page, `https://example.com/mobile/${Date.now()}`);
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await expect(page.getByTestId('tracking-code')).toBeVisible();
  expect(await overflow(page), 'receipt').toBeLessThanOrEqual(0);
  await page.getByRole('link', { name: 'Voir où en est mon signalement' }).click();
  await expect(page.getByText('Reçu : nous avons bien votre signalement')).toBeVisible();
  expect(await overflow(page), 'status').toBeLessThanOrEqual(0);
  await page.getByRole('button', { name: 'Quitter vite' }).click();
  await page.waitForURL('https://www.meteofrance.com/');
  await page.goBack().catch(() => null);
  expect(page.url().startsWith(baseURL!)).toBe(false);
  await context.close();
});

test('the form speaks English when asked, with the same receipt', async ({ page }) => {
  await page.goto('/signaler');
  await page
    .getByRole('button', { name: /English/ })
    .first()
    .click();
  await expect(page.getByRole('heading', { name: 'Your report' })).toBeVisible();
  await page.getByRole('radio', { name: 'Terrorism' }).check();
  await page.getByRole('radio', { name: /In a messaging app/ }).check();
  await page.getByLabel(/Name of the app or game/).fill('Telegram');
  await page.getByLabel(/Name of the account or group/).fill('@some-channel');
  await page.getByRole('button', { name: 'Send the report' }).click();
  await expect(page.getByRole('heading', { name: 'Thank you, your report has been sent' })).toBeVisible();
  await expect(page.getByTestId('tracking-code')).toHaveText(CODE);
});

test('the form works with the keyboard alone', async ({ page }) => {
  await page.goto('/signaler');
  await page.getByRole('radio', { name: "Images sexuelles d'un enfant" }).focus();
  // Arrows move through the categories (and choose), Tab goes on, Space chooses, Enter sends.
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('ArrowDown');
  await expect(page.getByRole('radio', { name: 'Harcèlement', exact: true })).toBeChecked();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('radio', { name: 'Sur un site internet' })).toBeFocused();
  await page.keyboard.press('Space');
  await page.keyboard.press('Tab');
  await expect(page.getByLabel('Adresse 1', { exact: true })).toBeFocused();
  await page.keyboard.type(`https://example.com/clavier/${Date.now()}`);
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { name: 'Merci, votre signalement est bien envoyé' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(page.getByRole('button', { name: 'Copier le code' })).toBeFocused();
});

test('screenshots go as multipart with upload progress; a disguised file is refused next to its field', async ({
  page,
}) => {
  await page.goto('/signaler');
  await fillUrlReport(page, `https://example.com/images/${Date.now()}`);
  const screenshots = page.getByLabel(/Captures d'écran/);

  // A text file named and typed as a PNG: the server reads its bytes and refuses it.
  await screenshots.setInputFiles({
    name: 'capture.png',
    mimeType: 'image/png',
    buffer: Buffer.from('not an image'),
  });
  await expect(page.getByText('1 image choisie')).toBeVisible();
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await expect(page.getByText('Seules les images PNG, JPEG ou WebP sont acceptées.')).toBeVisible();
  await expect(screenshots).toHaveAttribute('aria-invalid', 'true');

  // A PNG (signature and IHDR chunk, padded): sent with a progress bar, held back a moment to see it.
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
    Buffer.from('IHDR'),
    Buffer.alloc(300_000),
  ]);
  await screenshots.setInputFiles({ name: 'capture.png', mimeType: 'image/png', buffer: png });
  let release = () => {};
  const held = new Promise<void>((resolve) => {
    release = resolve;
  });
  await page.route('**/api/hotline/reports', async (route) => {
    expect(route.request().headers()['content-type']).toContain('multipart/form-data');
    await held;
    await route.continue();
  });
  await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
  await expect(page.getByRole('progressbar', { name: 'Envoi des images' })).toBeVisible();
  release();
  await expect(page.getByRole('heading', { name: 'Merci, votre signalement est bien envoyé' })).toBeVisible();
  await expect(page.getByTestId('tracking-code')).toHaveText(CODE);
});

test.describe('without JavaScript', () => {
  let context: BrowserContext;
  test.beforeEach(async ({ browser }) => {
    context = await browser.newContext({ javaScriptEnabled: false });
  });
  test.afterEach(async () => {
    await context.close();
  });

  test('the same report through /signaler/simple shows a receipt with a code', async ({ baseURL }) => {
    const page = await context.newPage();
    const foreign = recordForeignRequests(page, baseURL!);
    await page.goto('/signaler/simple');
    await page.getByLabel('Harcèlement').check();
    await page.getByLabel(/Adresse de la page/).fill(`https://example.com/sans-js/${Date.now()}`);
    await page.getByLabel(/Racontez ce que vous avez vu/).fill('Des insultes sur une élève de ma classe.');
    await page.getByRole('button', { name: 'Envoyer le signalement' }).click();
    const code = page.getByText(CODE).first();
    await expect(code).toBeVisible();
    const tracking = ((await code.textContent()) ?? '').trim();
    expect(tracking).toMatch(CODE);

    // The server's own status page reads it back.
    await page.getByRole('link', { name: 'Voir où en est mon signalement' }).click();
    await page.getByLabel(/code de suivi/i).fill(tracking);
    await page.getByRole('button', { name: 'Voir', exact: true }).click();
    await expect(page.getByText(/^Reçu/).first()).toBeVisible();
    expect(foreign).toEqual([]);
    expect(await context.cookies()).toEqual([]);
  });
});
