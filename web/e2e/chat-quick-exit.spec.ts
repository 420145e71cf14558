// The quick exit in the middle of a chat (the button, or Shift three times): the page is replaced by a
// neutral site without a new history entry, Back does not lead back to the chat, the tab keeps nothing,
// and the counsellor's console shows the visitor gone without breaking.
import { expect, type Page, test } from '@playwright/test';
import {
  counsellorPage,
  People,
  resetHelpline,
  startChat,
  stubNeutralSite,
  visitor,
  workspace,
} from './chat-helpers.ts';

const NEUTRAL = 'https://www.meteofrance.com/';

let people: People;
test.beforeEach(async ({ browser }) => {
  await resetHelpline();
  people = new People(browser);
});
test.afterEach(async () => {
  await people.close();
});

const ways: Array<[string, (page: Page) => Promise<void>]> = [
  ['the "Quitter vite" button', (page) => page.getByRole('button', { name: 'Quitter vite' }).click()],
  [
    'Shift pressed three times',
    async (page) => {
      // Where a child would be: typing in the message field.
      await page.getByLabel('Ton message', { exact: true }).focus();
      for (let i = 0; i < 3; i += 1) await page.keyboard.press('Shift');
    },
  ],
];

for (const [way, leave] of ways) {
  test(`quick exit during a chat with ${way}: no trace, no way back, the console stays consistent`, async ({
    baseURL,
  }) => {
    const camille = await counsellorPage(people, 'couns1', 'Disponible');
    const errors: string[] = [];
    camille.on('pageerror', (error) => errors.push(error.message));

    const child = await people.page();
    await stubNeutralSite(child);
    await child.goto('about:blank');
    await startChat(child, { nickname: 'Alex' });
    await expect(child.getByText('Tu parles avec Camille.')).toBeVisible();
    await visitor.send(child, "J'ai peur que mes parents voient ce que j'écris.");
    await workspace.send(camille, 'Tu peux partir à tout moment avec le bouton « Quitter vite ».');
    await expect(visitor.fromCounsellor(child)).toHaveCount(1);
    await expect(workspace.visitorConnection(camille)).toHaveText('En ligne');
    expect(await child.evaluate(() => sessionStorage.getItem('abri.chat.credentials'))).not.toBeNull();
    const entries = await child.evaluate(() => history.length);

    await leave(child);
    await child.waitForURL(NEUTRAL);
    // The chat's entry was replaced, not added to.
    expect(await child.evaluate(() => history.length)).toBe(entries);
    await child.goBack().catch(() => null);
    expect(child.url().startsWith(baseURL!)).toBe(false);

    // Coming back by typing the address: nothing of the conversation is left in the tab.
    await child.goto('/parler');
    expect(await child.evaluate(() => Object.keys(sessionStorage))).toEqual([]);
    await expect(child.getByRole('button', { name: 'Commencer la discussion' })).toBeVisible();
    await expect(child.getByRole('heading', { name: 'Ta discussion' })).toHaveCount(0);

    // Camille sees the visitor gone; her console keeps the conversation and keeps working.
    await expect(workspace.visitorConnection(camille)).toHaveText('Hors ligne');
    await expect(workspace.tab(camille, 'Alex')).toBeVisible();
    await expect(camille.getByRole('status').filter({ hasText: 'Connecté·e en direct' })).toBeVisible();
    await workspace.send(camille, 'Tu es toujours là ?');
    await expect(workspace.fromVisitor(camille)).toHaveCount(1);
    expect(errors).toEqual([]);
  });
}
