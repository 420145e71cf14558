// Outside opening hours: the closed screen (when the chat reopens, the emergency numbers), a message left
// with a code; once open again a counsellor takes it from the queue and answers, and the visitor, in
// another browser, reads the answer with the code.
import { expect, test } from '@playwright/test';
import {
  counsellorPage,
  fillPreChat,
  frenchWeekday,
  openAllDay,
  People,
  parisDate,
  resetHelpline,
  setOpeningHours,
  visitor,
  workspace,
} from './chat-helpers.ts';
import { ALWAYS_OPEN } from './global-setup.ts';

let people: People;
test.beforeEach(async ({ browser }) => {
  await resetHelpline();
  people = new People(browser);
});
test.afterEach(async () => {
  await people.close();
  await openAllDay();
});

test('closed: emergency numbers and a message left; answered once open; read with the code', async () => {
  // Open all day every day, except today and tomorrow (holidays): closed now whatever the time, and the
  // next opening is the day after tomorrow at midnight.
  await setOpeningHours({ ...ALWAYS_OPEN, holidays: [parisDate(0), parisDate(1)] });
  const child = await people.page();
  await child.goto('/parler');
  await expect(child.getByRole('heading', { name: 'Le chat est fermé pour le moment' })).toBeVisible();
  // Passing midnight during the test moves the next opening by one day.
  const days = [frenchWeekday(parisDate(2)), frenchWeekday(parisDate(3))];
  await expect(child.getByText(/^Les écoutants seront de retour /)).toHaveText(
    new RegExp(`^Les écoutants seront de retour (${days.join('|')}) à 00:00\\.$`),
  );
  const danger = child.locator('.chat-danger');
  await expect(danger.getByRole('heading', { name: 'Si tu es en danger maintenant' })).toBeVisible();
  for (const number of ['119', '17', '112']) {
    await expect(danger.locator(`a[href="tel:${number}"]`)).toBeVisible();
  }
  // No chat can be started.
  await expect(child.getByRole('button', { name: 'Commencer la discussion' })).toHaveCount(0);

  const message = "Bonsoir. Quelqu'un me demande des photos sur Snap et je ne sais pas quoi faire.";
  await fillPreChat(child, { nickname: 'Sam', message });
  await child.getByRole('button', { name: 'Laisser mon message' }).click();
  await expect(child.getByRole('heading', { name: 'Ton message est bien envoyé' })).toBeVisible();
  const code = (await child.locator('.resume-code').textContent())!.trim();
  expect(code.length).toBeGreaterThanOrEqual(8);
  await child.context().close();

  // Open again: Camille finds the message among the left ones, takes it and answers.
  await openAllDay();
  const camille = await counsellorPage(people, 'couns1', 'Disponible');
  const left = camille.locator('.chat-queue__item').filter({ hasText: 'Sam' });
  await expect(left).toHaveCount(1);
  await expect(left).toContainText('Laissé il y a');
  await left.getByRole('button', { name: 'Prendre' }).click();
  await expect(workspace.tab(camille, 'Sam')).toHaveAttribute('aria-selected', 'true');
  await expect(left).toHaveCount(0);
  await expect(workspace.fromVisitor(camille)).toHaveText([message]);
  const answer =
    'Bonjour Sam, tu as bien fait de nous écrire. Ne lui envoie rien. Reviens nous parler quand tu veux.';
  await workspace.send(camille, answer);

  // Later, another browser: the code shows the message and the answer.
  const later = await people.page();
  await visitor.resume(later, code);
  await expect(visitor.own(later)).toHaveText([message]);
  await expect(visitor.fromCounsellor(later)).toHaveText([answer]);
  await expect(later.getByText('Tu parles avec Camille.')).toBeVisible();
  // And the conversation can go on live.
  await visitor.send(later, 'Merci beaucoup.');
  await expect(workspace.fromVisitor(camille)).toHaveText([message, 'Merci beaucoup.']);
});
