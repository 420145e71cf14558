// axe-core on each screen a visitor goes through: the pre-chat questions (also with their error messages),
// the queue, the chat itself, and the survey after the end. No serious or critical violation is allowed.
import { expect, test } from '@playwright/test';
import {
  counsellorPage,
  People,
  resetHelpline,
  seriousViolations,
  setPresence,
  startChat,
  visitor,
  workspace,
} from './chat-helpers.ts';

let people: People;
test.beforeEach(async ({ browser }) => {
  await resetHelpline();
  people = new People(browser);
});
test.afterEach(async () => {
  await people.close();
});

test('the visitor chat screens have no serious accessibility violation', async () => {
  const camille = await counsellorPage(people, 'couns1');
  const child = await people.page();

  // Pre-chat questions, then the same form after an incomplete submission (errors shown).
  await child.goto('/parler');
  await expect(child.getByRole('button', { name: 'Commencer la discussion' })).toBeVisible();
  expect(await seriousViolations(child), 'pre-chat').toEqual([]);
  await child.getByRole('button', { name: 'Commencer la discussion' }).click();
  await expect(child.getByText('Coche la case pour continuer.')).toBeVisible();
  expect(await seriousViolations(child), 'pre-chat with errors').toEqual([]);

  // The queue (nobody available yet).
  await startChat(child, { nickname: 'Inès' });
  await expect(child.getByRole('heading', { name: "Tu es dans la file d'attente" })).toBeVisible();
  expect(await seriousViolations(child), 'queue').toEqual([]);

  // The chat, with messages both ways and the counsellor typing.
  await setPresence(camille, 'Disponible');
  await expect(child.getByText('Tu parles avec Camille.')).toBeVisible();
  await visitor.send(child, 'Bonjour, je voudrais parler de quelque chose.');
  await workspace.send(camille, "Bonjour Inès, je t'écoute.");
  await expect(visitor.fromCounsellor(child)).toHaveCount(1);
  await camille.getByLabel('Votre réponse').fill('Prends ton temps');
  await expect(child.getByText("Camille est en train d'écrire…")).toBeVisible();
  expect(await seriousViolations(child), 'chat').toEqual([]);

  // The end and the survey, with its transcript open.
  await camille.getByRole('button', { name: 'Terminer', exact: true }).click();
  await camille.getByRole('button', { name: 'Confirmer la fin' }).click();
  await expect(child.getByRole('button', { name: 'Envoyer mes réponses' })).toBeVisible();
  expect(await seriousViolations(child), 'survey').toEqual([]);
  await child.getByText('Relire la discussion').click();
  await expect(visitor.fromCounsellor(child)).toHaveCount(1);
  expect(await seriousViolations(child), 'survey with the transcript').toEqual([]);
  await child.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(child.getByRole('heading', { name: "Merci d'être venu nous parler" })).toBeVisible();
  expect(await seriousViolations(child), 'closing').toEqual([]);
});
