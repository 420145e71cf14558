// A sextortion chat, from the first message to the e-mail a partner receives: the pre-chat topic brings
// the sextortion protocol into the workspace; the child's blackmail message is highlighted, with the
// red-flag banner; Camille completes the chat's contact record beside the conversation, opens a case with
// it and drafts an escalation to PHAROS, which she submits; a supervisor (Noa, an account made for the
// test) approves it; Camille sends it by e-mail, and the mail server receives it with its PDF attached.
import fs from 'node:fs';
import path from 'node:path';
import type { TPartner } from '@abri/contracts';
import { expect, type Page, test } from '@playwright/test';
import { parseMail } from '../../server/test/smtp.ts';
import {
  asAdmin,
  chatState,
  fillPreChat,
  loginCounsellor,
  openAllDay,
  openWorkspace,
  People,
  resetHelpline,
  visitor,
  workspace,
} from './chat-helpers.ts';
import { firstLogin } from './global-setup.ts';
import { apiLogin } from './second-factor.ts';

const PHAROS_EMAIL = 'pharos-test@example.org';
const PHAROS_NAME = "PHAROS – Plateforme de signalement des contenus illicites de l'internet";
const BLACKMAIL = 'il me demande 200 euros sinon il envoie la vidéo à tous mes contacts';

let people: People;
let pharos: TPartner;

/** PUT /api/partners/:id takes the partner without its id. */
async function savePartner({ id, ...input }: TPartner): Promise<void> {
  await asAdmin('PUT', `/api/partners/${id}`, input);
}

test.beforeEach(async ({ browser }) => {
  await resetHelpline();
  await openAllDay();
  // PHAROS has no e-mail address in the seeded list: give it a test one, its other fields kept.
  const partners = (await asAdmin('GET', '/api/partners')) as TPartner[];
  pharos = partners.find((partner) => partner.code === 'pharos')!;
  expect(pharos, 'the seeded PHAROS partner').toBeTruthy();
  await savePartner({ ...pharos, email: PHAROS_EMAIL });
  people = new People(browser);
});
test.afterEach(async () => {
  await people.close();
  // Leave no chat open nor counsellor available behind, and PHAROS as it was.
  await resetHelpline();
  if (pharos) await savePartner(pharos);
});

/**
 * A supervisor of their own, made by the administrator through the API, who chooses a password and enrols
 * in two-step verification at a first login; then logged in (both steps) in the page's context.
 */
async function supervisorPage(): Promise<Page> {
  const username = `superviseur-${Date.now().toString(36)}`;
  const password = 'la vigie relit chaque signalement';
  const { oneTimePassword } = (await asAdmin('POST', '/api/admin/users', {
    username,
    displayName: 'Noa',
    roles: ['supervisor'],
  })) as { oneTimePassword: string };
  const { totpSecret } = await firstLogin(
    `http://127.0.0.1:${chatState().port}`,
    username,
    oneTimePassword,
    password,
  );
  expect(totpSecret, 'a supervisor enrols in two-step verification').toBeTruthy();
  const page = await people.page();
  await apiLogin(page.request, { username, password, totpSecret: totpSecret! });
  return page;
}

/** The e-mails the test SMTP server received so far (one .eml file each), parsed. */
function receivedMails() {
  const { mailDir } = chatState();
  return fs
    .readdirSync(mailDir)
    .filter((name) => name.endsWith('.eml'))
    .sort()
    .map((name) => parseMail(fs.readFileSync(path.join(mailDir, name), 'latin1')));
}

test('sextortion chat: protocol, red flag, contact record, case, escalation approved and e-mailed to PHAROS', async () => {
  // A wide screen: the protocol and the record sit beside the conversation.
  const camille = await people.page({ viewport: { width: 1600, height: 1000 } });
  await loginCounsellor(camille, 'couns1');
  await openWorkspace(camille, 'Disponible');

  // The child says, before the chat, that someone threatens to show pictures or videos of them.
  const child = await people.page();
  await child.goto('/parler');
  await fillPreChat(child, { nickname: 'Sam' });
  await child
    .getByLabel('De quoi veux-tu parler ?')
    .selectOption({ label: 'On me menace de montrer des photos ou des vidéos de moi' });
  await child.getByRole('button', { name: 'Commencer la discussion' }).click();
  await expect(child.getByRole('heading', { name: 'Ta discussion' })).toBeVisible();
  await expect(child.getByText('Tu parles avec Camille.')).toBeVisible();

  // Camille has the chat, and beside it the sextortion protocol, for a child.
  await expect(workspace.tab(camille, 'Sam')).toHaveAttribute('aria-selected', 'true');
  const side = camille.getByRole('region', { name: 'Protocole et fiche de contact' });
  await expect(side.getByRole('tab', { name: 'Protocole' })).toHaveAttribute('aria-selected', 'true');
  await expect(side.getByLabel('Protocole à suivre')).toHaveValue('sextortion');
  await expect(side.getByLabel('Guide pour')).toHaveValue('child');
  await expect(
    side.getByRole('heading', { level: 4, name: 'Sextorsion et chantage à la webcam' }),
  ).toBeVisible();

  // The blackmail message: highlighted in the conversation, and the red-flag banner with the protocol.
  await visitor.send(child, BLACKMAIL);
  const message = workspace.fromVisitor(camille).last();
  await expect(message).toContainText('200 euros');
  const marks = message.locator('mark.chat-flag-mark');
  await expect(marks.first()).toBeVisible();
  await expect(marks.first()).toContainText('Sextorsion');
  expect((await marks.allTextContents()).join(' ')).toContain('200 euros');
  const banner = camille.locator('.chat-flags');
  await expect(banner).toBeVisible();
  await expect(banner).toContainText('Signaux repérés dans cette conversation');
  await expect(banner.locator('.chat-flags__list > li > strong')).toContainText(['Sextorsion']);
  await expect(banner).toContainText(
    'Si le danger se confirme (protocole « Sextorsion et chantage à la webcam »)',
  );
  await expect(banner.getByRole('link', { name: /^Escalader vers un partenaire/ })).toBeVisible();

  // The contact record, beside the chat: pre-filled from the pre-chat answers; Camille completes it.
  await side.getByRole('tab', { name: /^Fiche de contact/ }).click();
  const record = side.getByRole('tabpanel', { name: /^Fiche de contact/ });
  await expect(record.getByText(/^Fiche C-\d{4}-\d+/)).toBeVisible();
  await expect(
    record.getByRole('group', { name: "Type d'appel" }).getByLabel('Écoute et conseil'),
  ).toBeChecked();
  await expect(
    record.getByRole('group', { name: 'Appelant·e', exact: true }).getByLabel('Enfant ou adolescent·e'),
  ).toBeChecked();
  await expect(record.getByLabel("Âge de l'enfant")).toHaveValue('11_14');
  await expect(record.getByText('Coché : Sextorsion')).toBeVisible();
  await record.getByLabel("Genre de l'enfant").selectOption({ label: 'Fille' });
  await record
    .getByLabel('Résumé', { exact: true })
    .fill(
      "Chantage à la vidéo intime : l'auteur réclame 200 euros, sinon il diffuse la vidéo aux contacts de l'enfant.",
    );
  await record.getByLabel('Issue', { exact: true }).selectOption({ label: 'Conseils donnés' });
  await record.getByRole('button', { name: 'Enregistrer et terminer' }).click();
  await expect(record.getByText(/^Fiche terminée et enregistrée à/)).toBeVisible();
  await expect(side.getByRole('tab', { name: /^Fiche de contact/ })).toHaveText('Fiche de contact');

  // The full record page, in a new tab: a case is opened with this contact.
  const full = record.getByRole('link', { name: /^Ouvrir la fiche C-\d{4}-\d+ en entier/ });
  const contactReference = /C-\d{4}-\d+/.exec((await full.textContent()) ?? '')![0];
  const [records] = await Promise.all([camille.context().waitForEvent('page'), full.click()]);
  await expect(records.getByRole('heading', { level: 1, name: `Contact ${contactReference}` })).toBeVisible();
  await expect(records.locator('.records-contact-form__title .records-status')).toHaveText('Terminée');
  await records.getByRole('link', { name: 'Ouvrir un dossier avec ce contact' }).click();
  await expect(records.getByRole('heading', { level: 1, name: 'Nouveau dossier' })).toBeVisible();
  await expect(records.getByText(`Le contact ${contactReference} sera ajouté à ce dossier.`)).toBeVisible();
  await records.getByLabel('Titre', { exact: true }).fill('Sextorsion : chantage à la vidéo, 200 euros');
  await records.getByRole('button', { name: 'Ouvrir le dossier' }).click();
  const caseHeading = records.getByRole('heading', { level: 1, name: /^Dossier D-\d{4}-\d+/ });
  await expect(caseHeading).toBeVisible();
  await expect(records.getByRole('link', { name: contactReference })).toBeVisible();

  // A document for the case (the counsellor's own notes of the call, as text): listed, in the timeline.
  await records.getByLabel('Joindre un document').setInputFiles({
    name: 'notes-appel.txt',
    mimeType: 'text/plain',
    buffer: Buffer.from('Appel du 28 novembre : le garçon a gardé les captures d’écran.\n'),
  });
  await expect(records.getByText('notes-appel.txt a été joint au dossier.')).toBeVisible();
  await expect(records.getByRole('link', { name: 'Télécharger notes-appel.txt' })).toBeVisible();
  await expect(records.getByText('Document ajouté\u202f: notes-appel.txt')).toBeVisible();

  // An escalation to PHAROS, from the case: written as a draft, then submitted.
  await records.getByRole('link', { name: 'Transmettre à un partenaire' }).click();
  await expect(records.getByRole('heading', { level: 1, name: 'Nouvelle transmission' })).toBeVisible();
  const partner = records.getByLabel('Partenaire', { exact: true });
  await partner.selectOption({ label: PHAROS_NAME });
  await expect(records.getByText(`E-mail : ${PHAROS_EMAIL}`)).toBeVisible();
  await records
    .getByLabel('Les faits', { exact: true })
    .fill(
      "Un inconnu a enregistré un appel vidéo intime de l'enfant. Il réclame 200 euros, sinon il enverra la vidéo à tous ses contacts.",
    );
  await records.getByLabel('Quand', { exact: true }).fill('depuis hier soir');
  await records.getByLabel('Plateforme ou application (facultatif)').fill('Instagram');
  await records.getByLabel("Identifiants de l'autre personne (facultatif)").fill('@beau_gosse_93');
  await records.getByRole('group', { name: 'Urgence' }).getByLabel('Urgente').check();
  await records.getByLabel('Infractions supposées (facultatif)').fill('Chantage (312-10)');
  await records.getByLabel('Âge de la victime').selectOption({ label: '11–14 ans' });
  await records
    .getByRole('group', { name: "L'enfant ou sa famille compte porter plainte" })
    .getByLabel('Oui')
    .check();
  await records.getByRole('button', { name: 'Enregistrer le brouillon' }).click();

  const title = records.getByRole('heading', { level: 1, name: /^Transmission E-\d{4}-\d+/ });
  await expect(title).toBeVisible();
  const status = title.locator('.records-status');
  await expect(status).toHaveText('Brouillon');
  await expect(records.getByText('Le brouillon est enregistré. Relisez-le puis soumettez-le.')).toBeVisible();
  const escalationUrl = records.url();
  const escalationId = escalationUrl.split('/').pop()!;
  const reference = /E-\d{4}-\d+/.exec((await title.textContent()) ?? '')![0];
  await records.getByRole('button', { name: 'Soumettre', exact: true }).click();
  await expect(status).toHaveText('En attente de validation');
  await expect(
    records.getByText('Un·e superviseur·e doit valider cette transmission avant son envoi.'),
  ).toBeVisible();

  // Noa, supervisor, finds it awaiting her approval and approves it.
  const noa = await supervisorPage();
  await noa.goto('/console/escalations');
  const awaiting = noa.locator('section').filter({
    has: noa.getByRole('heading', { level: 2, name: 'En attente de votre validation' }),
  });
  await awaiting.getByRole('link', { name: reference }).click();
  await expect(noa).toHaveURL(new RegExp(`/console/escalations/${escalationId}$`));
  const noaStatus = noa.getByRole('heading', { level: 1, name: /^Transmission / }).locator('.records-status');
  await expect(noaStatus).toHaveText('En attente de validation');
  await noa.getByRole('button', { name: 'Valider', exact: true }).click();
  const confirm = noa.locator('.records-subform').filter({ hasText: 'Valider cette transmission à PHAROS' });
  await confirm.getByRole('button', { name: 'Valider', exact: true }).click();
  await expect(noaStatus).toHaveText('Validée');
  await expect(noa.getByText('Transmission validée.')).toBeVisible();

  // Camille sees it approved, and sends it by e-mail.
  await records.reload();
  await expect(status).toHaveText('Validée');
  await expect(records.getByText(/^Validée par Noa le /)).toBeVisible();
  await records.getByRole('button', { name: 'Envoyer par e-mail' }).click();
  await expect(
    records.getByText(`Le formulaire et son PDF partiront par e-mail à ${PHAROS_EMAIL}.`),
  ).toBeVisible();
  await records.getByRole('button', { name: 'Envoyer maintenant' }).click();
  await expect(records.getByText("L'e-mail a été mis en file d'envoi.")).toBeVisible();

  // The mail server receives it, with the escalation's PDF.
  const toPharos = () =>
    receivedMails().filter((entry) => entry.to?.includes(PHAROS_EMAIL) && entry.subject.includes(reference));
  await expect
    .poll(() => toPharos().length, { message: `an e-mail to ${PHAROS_EMAIL}`, timeout: 20_000 })
    .toBe(1);
  const mail = toPharos()[0]!;
  expect(mail.subject).toContain(reference);
  const pdf = mail.files.find((file) => file.filename === `${reference}.pdf`);
  expect(pdf, `attachments: ${mail.files.map((file) => file.filename).join(', ')}`).toBeTruthy();
  expect(pdf!.contentType).toBe('application/pdf');
  expect(pdf!.content.subarray(0, 5).toString('latin1')).toBe('%PDF-');

  // The escalation page (which asks again while the e-mail is on its way) shows it sent.
  await expect(status).toHaveText('Transmise', { timeout: 15_000 });
  await expect(
    records.getByText(`L'e-mail à ${PHAROS_EMAIL} a été accepté par le serveur de messagerie.`),
  ).toBeVisible();
  await expect(records.getByText(new RegExp(`^Envoyée par e-mail à ${PHAROS_EMAIL} le `))).toBeVisible();
});
