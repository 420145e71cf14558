// The resumption code: typed in a fresh browser (nothing in its storage), it brings back the conversation
// with its history, the old tab gives way, and the visitor gets back to the same counsellor — even after
// the end, when another counsellor would otherwise have been chosen.
import { expect, test } from '@playwright/test';
import { counsellorPage, People, resetHelpline, startChat, visitor, workspace } from './chat-helpers.ts';

let people: People;
test.beforeEach(async ({ browser }) => {
  await resetHelpline();
  people = new People(browser);
});
test.afterEach(async () => {
  await people.close();
});

test('the resumption code restores the conversation and its history, with the same counsellor', async () => {
  const camille = await counsellorPage(people, 'couns1', 'Disponible');
  const first = await people.page();
  await startChat(first, { nickname: 'Nour' });
  await expect(first.getByText('Tu parles avec Camille.')).toBeVisible();
  await visitor.send(first, 'On a publié une photo de moi sans me demander.');
  await workspace.send(camille, 'Je comprends. Sur quel réseau est-elle publiée ?');
  await expect(visitor.fromCounsellor(first)).toHaveCount(1);
  const code = (await first.locator('.resume-code').textContent())!.trim();
  expect(code.length).toBeGreaterThanOrEqual(8);
  const history = await visitor.bubbles(first).allTextContents();

  // Another browser, nothing stored: the code brings the conversation back, history included.
  const second = await people.page();
  await visitor.resume(second, code);
  await expect(second.getByText('Tu parles avec Camille.')).toBeVisible();
  await expect(visitor.bubbles(second)).toHaveCount(history.length);
  await expect(visitor.own(second)).toHaveText(['On a publié une photo de moi sans me demander.']);
  await expect(visitor.fromCounsellor(second)).toHaveText([
    'Je comprends. Sur quel réseau est-elle publiée ?',
  ]);
  // The first tab gives way: only one place talks for the visitor.
  await expect(first.getByRole('heading', { name: "Cette discussion n'est plus ouverte ici" })).toBeVisible();

  // The conversation goes on, with Camille, from the new browser.
  await visitor.send(second, 'Sur un groupe de ma classe.');
  await expect(workspace.fromVisitor(camille)).toHaveText([
    'On a publié une photo de moi sans me demander.',
    'Sur un groupe de ma classe.',
  ]);
  await workspace.send(camille, 'Merci. On va voir ensemble comment la faire retirer.');
  await expect(visitor.fromCounsellor(second)).toHaveCount(2);

  // Camille ends the conversation; Dominique becomes available too and, having had no chat yet, would be
  // chosen for a new visitor. Back with the code, the visitor goes to Camille all the same.
  await camille.getByRole('button', { name: 'Terminer', exact: true }).click();
  await camille.getByRole('button', { name: 'Confirmer la fin' }).click();
  await expect(second.getByRole('heading', { name: 'La discussion est terminée' })).toBeVisible();
  const dominique = await counsellorPage(people, 'couns2', 'Disponible');
  // Both have the same free places; Dominique has waited longer for a chat: only the visitor's previous
  // counsellor being preferred sends them to Camille.

  const third = await people.page();
  await visitor.resume(third, code);
  await expect(third.getByText('Tu parles avec Camille.')).toBeVisible();
  await expect(visitor.own(third)).toHaveText([
    'On a publié une photo de moi sans me demander.',
    'Sur un groupe de ma classe.',
  ]);
  await expect(visitor.fromCounsellor(third)).toHaveCount(2);
  await expect(workspace.tab(camille, 'Nour')).toHaveAttribute('aria-selected', 'true');
  await expect(workspace.tab(camille, 'Nour').getByText('En cours')).toBeVisible();
  await expect(workspace.fromVisitor(camille)).toHaveCount(2);
  await expect(dominique.getByText('Aucune conversation en cours.', { exact: false })).toBeVisible();
  await visitor.send(third, "Je suis revenu·e, j'ai une autre question.");
  await expect(workspace.fromVisitor(camille).last()).toHaveText(
    "Je suis revenu·e, j'ai une autre question.",
  );
});
