// A whole conversation, as a child and two counsellors live it: the pre-chat questions, the queue, automatic
// assignment once a counsellor is available, messages both ways with typing indicators and read marks, an
// internal note the child never sees, a reload of the console mid-chat, a transfer with a note, the end,
// and the child's survey.
import { expect, test } from '@playwright/test';
import {
  counsellorPage,
  People,
  resetHelpline,
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

test('visitor and counsellors: queue, assignment, messages, note, reload, transfer, end, survey', async () => {
  const camille = await counsellorPage(people, 'couns1');
  const child = await people.page();

  // Nobody is available yet: the child waits in the queue, and Camille sees them waiting.
  await startChat(child, { nickname: 'Lou' });
  await expect(child.getByRole('heading', { name: "Tu es dans la file d'attente" })).toBeVisible();
  await expect(child.getByText('Tu es le prochain ou la prochaine !')).toBeVisible();
  await expect(child.locator('.resume-code')).toHaveText(/\S{8,}/);
  const queue = camille.getByRole('region', { name: "File d'attente" });
  await expect(queue.locator('.chat-queue__name')).toHaveText(['Lou']);

  // Camille becomes available: the conversation is hers at once (automatic assignment).
  await setPresence(camille, 'Disponible');
  await expect(workspace.tab(camille, 'Lou')).toBeVisible();
  await expect(queue.getByText("Personne n'attend.")).toBeVisible();
  await expect(child.getByText('Tu parles avec Camille.')).toBeVisible();
  await expect(child.getByText('Camille a rejoint la discussion.')).toBeVisible();

  // The child writes: Camille sees "typing", then the message; the child's message is marked read.
  await child.getByLabel('Ton message', { exact: true }).fill('Bonjour');
  await expect(camille.getByText("Lou est en train d'écrire…")).toBeVisible();
  await visitor.send(child, "Bonjour, quelqu'un m'embête sur un jeu en ligne.");
  await expect(workspace.fromVisitor(camille)).toHaveText([
    "Bonjour, quelqu'un m'embête sur un jeu en ligne.",
  ]);
  await expect(camille.locator('.chat-typing')).not.toContainText('en train');
  await expect(visitor.log(child).locator('li.chat-msg--visitor .chat-msg__state')).toHaveText(['Lu']);

  // Camille answers: the child sees "typing", then the answer, with her name.
  await camille.getByLabel('Votre réponse').fill('Bonjour Lou');
  await expect(child.getByText("Camille est en train d'écrire…")).toBeVisible();
  await workspace.send(camille, "Bonjour Lou, je suis Camille. Merci de m'écrire.");
  await expect(visitor.fromCounsellor(child)).toHaveText([
    "Bonjour Lou, je suis Camille. Merci de m'écrire.",
  ]);
  await expect(child.locator('.chat-typing')).toHaveText('');

  // An internal note stays in the console; the next message reaches the child, the note never does.
  const note = 'NOTE-INTERNE: harcèlement sur un jeu, 11-14 ans, pas de danger immédiat.';
  await workspace.send(camille, note, { note: true });
  await expect(workspace.notes(camille)).toHaveCount(1);
  await expect(workspace.notes(camille)).toContainText('Note interne — jamais envoyée');
  await workspace.send(camille, "Qu'est-ce qui se passe sur ce jeu ?");
  await expect(visitor.fromCounsellor(child)).toHaveText([
    "Bonjour Lou, je suis Camille. Merci de m'écrire.",
    "Qu'est-ce qui se passe sur ce jeu ?",
  ]);
  await expect(child.getByText(note)).toHaveCount(0);
  await visitor.send(child, "Un joueur m'insulte tous les soirs.");

  // Camille reloads her console: the conversation, its messages and the note are all still there.
  const before = await workspace.bubbles(camille).allTextContents();
  await camille.reload();
  await expect(camille.getByRole('status').filter({ hasText: 'Connecté·e en direct' })).toBeVisible();
  await expect(camille.getByLabel('Disponibilité')).toHaveValue('available');
  await expect(workspace.tab(camille, 'Lou')).toHaveAttribute('aria-selected', 'true');
  await expect(workspace.bubbles(camille)).toHaveCount(before.length);
  expect(await workspace.bubbles(camille).allTextContents()).toEqual(before);
  await expect(workspace.notes(camille)).toHaveCount(1);
  await expect(workspace.fromVisitor(camille)).toHaveText([
    "Bonjour, quelqu'un m'embête sur un jeu en ligne.",
    "Un joueur m'insulte tous les soirs.",
  ]);
  // Still live after the reload, both ways.
  await visitor.send(child, 'Tu es toujours là ?');
  await expect(workspace.fromVisitor(camille)).toHaveCount(3);
  await workspace.send(camille, 'Oui, je suis là.');
  await expect(visitor.fromCounsellor(child)).toHaveCount(3);

  // Dominique is busy (no new chats) but can receive a transfer.
  const dominique = await counsellorPage(people, 'couns2', 'Occupé·e');
  await camille.getByRole('button', { name: 'Transférer', exact: true }).click();
  const target = camille.getByLabel('Transférer à');
  const option = target.locator('option', { hasText: 'Dominique' });
  await target.selectOption((await option.getAttribute('value'))!);
  await camille
    .getByLabel('Note de transfert')
    .fill('Harcèlement par un joueur, le soir. Lou est en confiance.');
  await camille.getByRole('button', { name: 'Confirmer le transfert' }).click();

  await expect(workspace.tab(camille, 'Lou')).toHaveCount(0);
  await expect(camille.getByText('Aucune conversation en cours.', { exact: false })).toBeVisible();
  await expect(workspace.tab(dominique, 'Lou')).toBeVisible();
  await expect(dominique.getByText('Note de transfert reçue')).toBeVisible();
  await expect(
    dominique.getByText('Harcèlement par un joueur, le soir. Lou est en confiance.').first(),
  ).toBeVisible();
  // Dominique reads the whole history, the internal note included.
  await expect(workspace.fromVisitor(dominique)).toHaveCount(3);
  await expect(workspace.notes(dominique)).toHaveCount(1);
  await expect(
    child.getByText("Ta discussion est confiée à une autre personne de l'équipe", { exact: false }),
  ).toBeVisible();
  // Dominique has no alias: the child sees a neutral label, never her account's name.
  await expect(child.getByText("Tu parles avec une personne de l'équipe.")).toBeVisible();

  await workspace.send(dominique, "Bonjour Lou, je prends le relais. Camille m'a expliqué.");
  await expect(visitor.fromCounsellor(child)).toHaveCount(4);
  await expect(visitor.fromCounsellor(child).last()).toHaveText(
    "Bonjour Lou, je prends le relais. Camille m'a expliqué.",
  );
  await expect(visitor.log(child).locator('li.chat-msg--counsellor .chat-msg__meta').last()).toContainText(
    "Une personne de l'équipe",
  );
  // Staff see the real names; the child's page shows no account's name or username anywhere.
  await expect(camille.getByText('Connecté·e : Camille Laurent')).toBeVisible();
  expect(await child.locator('body').textContent()).not.toMatch(/Laurent|Dominique|couns\d/);
  await visitor.send(child, 'Merci, ça va mieux.');
  await expect(workspace.fromVisitor(dominique)).toHaveCount(4);
  await expect(child.getByText(note)).toHaveCount(0);

  // Dominique ends the conversation.
  await dominique.getByRole('button', { name: 'Terminer', exact: true }).click();
  await dominique.getByLabel('Motif de fin').selectOption({ label: 'Échange terminé' });
  await dominique.getByRole('button', { name: 'Confirmer la fin' }).click();
  await expect(
    dominique.getByText('Cette conversation est terminée : vous ne pouvez plus y répondre.'),
  ).toBeVisible();
  await expect(dominique.getByLabel('Votre réponse')).toHaveCount(0);

  // The child: the end, and the three questions.
  await expect(child.getByRole('heading', { name: 'La discussion est terminée' })).toBeVisible();
  await expect(child.getByText("L'écoutant a terminé la discussion.")).toBeVisible();
  await child
    .getByRole('group', { name: "Est-ce que cette discussion t'a aidé ?" })
    .getByLabel('Oui')
    .check();
  await child.getByRole('group', { name: 'Est-ce que tu te sens mieux ?' }).getByLabel('Un peu').check();
  await child
    .getByRole('group', { name: 'Est-ce que tu nous écrirais à nouveau ?' })
    .getByLabel('Oui')
    .check();
  await child.getByRole('button', { name: 'Envoyer mes réponses' }).click();
  await expect(child.getByRole('heading', { name: "Merci d'être venu nous parler" })).toBeVisible();
  // Nothing of the conversation is left in this tab.
  expect(await child.evaluate(() => sessionStorage.getItem('abri.chat.credentials'))).toBeNull();
});
