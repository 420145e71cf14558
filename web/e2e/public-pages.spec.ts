// What a child sees: pages that load nothing from elsewhere, set no cookie, pass axe-core, work at 320 px,
// and a quick exit (button or Shift three times) that leaves no way back.
import fs from 'node:fs';
import path from 'node:path';
import { expect, type Page, test } from '@playwright/test';
import { PUBLIC_PAGES, recordForeignRequests } from './helpers.ts';

const AXE = path.resolve(import.meta.dirname, '../../node_modules/axe-core/axe.min.js');
const NEUTRAL = 'https://www.meteofrance.com/';

async function seriousViolations(page: Page) {
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

async function stubNeutralSite(page: Page) {
  // The neutral site is on the Internet; the test serves a stand-in so that no request leaves the machine.
  await page.route('https://www.meteofrance.com/**', (route) =>
    route.fulfill({ contentType: 'text/html', body: '<!doctype html><title>Météo</title><h1>Météo</h1>' }),
  );
}

for (const pagePath of [...PUBLIC_PAGES, '/console/login']) {
  test(`${pagePath}: no request to another origin, no cookie, no serious accessibility violation`, async ({
    page,
    baseURL,
    context,
  }) => {
    const foreign = recordForeignRequests(page, baseURL!);
    await page.goto(pagePath);
    await expect(page.locator('main')).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await seriousViolations(page)).toEqual([]);
    expect(foreign).toEqual([]);
    expect(await context.cookies()).toEqual([]);
  });
}

test('every public page fits a 320 px phone screen and has a quick-exit button', async ({ browser }) => {
  const context = await browser.newContext({
    viewport: { width: 320, height: 640 },
    isMobile: true,
    hasTouch: true,
  });
  const page = await context.newPage();
  for (const pagePath of PUBLIC_PAGES) {
    await page.goto(pagePath);
    await expect(page.getByRole('button', { name: 'Quitter vite' })).toBeVisible();
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `${pagePath} scrolls sideways`).toBeLessThanOrEqual(0);
  }
  await context.close();
});

test('the public site speaks English when asked, and remembers it only for this tab', async ({
  page,
  context,
}) => {
  await page.goto('/');
  await page
    .getByRole('button', { name: /English/ })
    .first()
    .click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Quick exit' })).toBeVisible();
  const storage = await page.evaluate(() => ({ local: localStorage.length, session: sessionStorage.length }));
  expect(storage.local).toBe(0);
  expect(await context.cookies()).toEqual([]);
});

test('quick exit button replaces the page; Back does not return to Abri', async ({ page, baseURL }) => {
  await stubNeutralSite(page);
  await page.goto('about:blank');
  await page.goto('/');
  await page.getByRole('navigation').getByRole('link', { name: 'Ressources' }).click();
  await expect(page).toHaveURL(/\/ressources$/);
  await page.evaluate(() => sessionStorage.setItem('abri.test', 'something private'));
  await page.getByRole('button', { name: 'Quitter vite' }).click();
  await page.waitForURL(NEUTRAL);
  await page.goBack().catch(() => null);
  expect(page.url().startsWith(baseURL!)).toBe(false);
});

test('pressing Shift three times exits the same way, and clears session storage', async ({
  page,
  baseURL,
}) => {
  await stubNeutralSite(page);
  await page.goto('about:blank');
  await page.goto('/parler');
  await page.evaluate(() => sessionStorage.setItem('abri.test', 'something private'));
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
  await page.waitForURL(NEUTRAL);
  await page.goBack().catch(() => null);
  expect(page.url().startsWith(baseURL!)).toBe(false);
  // Coming back to Abri by typing its address finds nothing left from before.
  await page.goto('/');
  expect(await page.evaluate(() => sessionStorage.getItem('abri.test'))).toBeNull();
});

test('Escape does not trigger the quick exit', async ({ page }) => {
  await page.goto('/');
  for (let i = 0; i < 3; i += 1) await page.keyboard.press('Escape');
  await page.waitForTimeout(300);
  await expect(page).toHaveURL(/\/$/);
});
