// The PHAROS referral: what the police get (the reporters' descriptions and the screenshots' hashes)
// and what they never get (a reporter's identity, a file), as JSON and as a deterministic PDF.
import type { TLegalOffence } from '@abri/contracts';
import { describe, expect, it } from 'vitest';
import { pdfText } from '../../../../test/pdf-text.ts';
import type { Dossier, DossierReport, Notifier } from './dossier.ts';
import { PHAROS_SCHEMA, pharosPackage, renderPharosPdf } from './pharos-package.ts';

const DESCRIPTION = 'Zorblax-description-7f3c: he asked my little brother for photos';

const CSAM_OFFENCE: TLegalOffence = {
  id: 'FR:227-23',
  country: 'FR',
  code: '227-23',
  article: 'Article 227-23 du Code pénal',
  label: { fr: 'Images pédocriminelles', en: 'Child sexual abuse material' },
  dsaCategory: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
  csam: true,
  active: true,
};

const notifier: Notifier = {
  organisation: 'Association Quokka-Signal',
  contactName: 'Équipe d’analyse',
  email: 'analyse@example.org',
  address: '1 rue de l’Exemple, 75000 Paris',
  trustedFlagger: { status: true, reference: 'Arcom 2024-7' },
};

function report(overrides: Partial<DossierReport> = {}): DossierReport {
  return {
    id: 'a1b2c3d4-0000-4000-8000-000000000002',
    category: 'grooming',
    source: 'social_network',
    platform: null,
    account: null,
    description: DESCRIPTION,
    receivedAt: new Date('2025-03-14T09:30:00Z'),
    files: [
      {
        id: 'f0000000-0000-4000-8000-000000000003',
        contentType: 'image/png',
        size: 12_345,
        md5: 'd41d8cd98f00b204e9800998ecf8427e',
        sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
        sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      },
    ],
    ...overrides,
  };
}

function dossier(overrides: Partial<Dossier> = {}): Dossier {
  return {
    id: '4f6c2a1e-0000-4000-8000-000000000001',
    reference: 'HL-4F6C2A1E',
    kind: 'url',
    url: 'https://bad.example.net/p/42',
    host: 'bad.example.net',
    platform: null,
    account: null,
    category: 'grooming',
    firstReportedAt: new Date('2025-03-14T09:30:00Z'),
    lastReportedAt: new Date('2025-03-15T08:00:00Z'),
    reportCount: 2,
    assessment: {
      classification: 'baseline',
      contentType: 'image',
      victimAge: 'prepubescent',
      victimGender: 'male',
      siteType: 'social_network',
      offences: [CSAM_OFFENCE],
      notes: 'internal analyst note',
      assessedAt: new Date('2025-03-15T09:00:00Z'),
      assessedByName: 'Analyst Name',
    },
    hosting: {
      ips: ['192.0.2.10', '2001:db8::1'],
      country: 'NL',
      asn: 64500,
      provider: 'Example Hosting B.V.',
      resolvedAt: new Date('2025-03-15T09:05:00Z'),
    },
    reports: [
      report(),
      report({
        id: 'a1b2c3d4-0000-4000-8000-000000000004',
        description: null,
        files: [],
        platform: 'Instagram',
        account: 'someone_42',
      }),
    ],
    createdAt: new Date('2025-03-15T10:00:00Z'),
    ...overrides,
  };
}

/** Every key path in a JSON value ("reports.0.files.0.md5"). */
function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => keyPaths(item, `${prefix}${i}.`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    `${prefix}${key}`,
    ...keyPaths(child, `${prefix}${key}.`),
  ]);
}

describe('PHAROS package (JSON)', () => {
  it('describes the item, its qualification, hosting and reports', () => {
    const pkg = pharosPackage(dossier(), notifier);
    expect(pkg.schema).toBe(PHAROS_SCHEMA);
    expect(pkg.reference).toBe('HL-4F6C2A1E');
    expect(pkg.sender).toEqual({
      organisation: notifier.organisation,
      contactName: notifier.contactName,
      email: notifier.email,
      address: notifier.address,
      trustedFlagger: { status: true, reference: 'Arcom 2024-7' },
    });
    expect(pkg.location).toEqual({
      kind: 'url',
      urls: ['https://bad.example.net/p/42'],
      host: 'bad.example.net',
      platform: null,
      account: null,
    });
    expect(pkg).toMatchObject({
      category: 'grooming',
      classification: 'baseline',
      contentType: 'image',
      siteType: 'social_network',
      victim: { ageBand: 'prepubescent', gender: 'male' },
      firstReportedAt: '2025-03-14T09:30:00.000Z',
      lastReportedAt: '2025-03-15T08:00:00.000Z',
      reportCount: 2,
    });
    expect(pkg.offences).toEqual([
      {
        id: 'FR:227-23',
        article: 'Article 227-23 du Code pénal',
        label: 'Images pédocriminelles',
        dsaCategory: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
        csam: true,
      },
    ]);
    expect(pkg.hosting).toEqual({
      ips: ['192.0.2.10', '2001:db8::1'],
      country: 'NL',
      asn: 64500,
      provider: 'Example Hosting B.V.',
      resolvedAt: '2025-03-15T09:05:00.000Z',
    });
    expect(pkg.reports[0]).toMatchObject({
      receivedAt: '2025-03-14T09:30:00.000Z',
      source: 'social_network',
    });
    expect(pkg.reports[1]).toMatchObject({ platform: 'Instagram', account: 'someone_42', description: null });
  });

  it('passes the reporter’s description to the police, and the files as hashes only', () => {
    const pkg = pharosPackage(dossier(), notifier);
    expect(JSON.stringify(pkg)).toContain(DESCRIPTION);
    expect(pkg.reports[0]!.files).toEqual([
      {
        id: 'f0000000-0000-4000-8000-000000000003',
        contentType: 'image/png',
        size: 12_345,
        md5: 'd41d8cd98f00b204e9800998ecf8427e',
        sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
        sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
      },
    ]);
  });

  it('has no e-mail but the hotline’s, even if a reporter’s slipped into the dossier', () => {
    const leaky = dossier();
    // A reporter's address must never reach this type; if a caller got it wrong, the package still drops it.
    Object.assign(leaky.reports[0]!, { email: 'child@example.net', reporterEmail: 'child@example.net' });
    Object.assign(leaky.reports[0]!.files[0]!, { data: 'iVBORw0KGgo=' });
    const pkg = pharosPackage(leaky, notifier);
    expect(keyPaths(pkg).filter((key) => /email/i.test(key.split('.').at(-1)!))).toEqual(['sender.email']);
    expect(JSON.stringify(pkg)).not.toContain('child@example.net');
    expect(JSON.stringify(pkg)).not.toContain('iVBORw0KGgo=');
  });

  it('leaves out the analyst’s name and internal notes', () => {
    const json = JSON.stringify(pharosPackage(dossier(), notifier));
    expect(json).not.toContain('Analyst Name');
    expect(json).not.toContain('internal analyst note');
  });

  it('is plain JSON, and handles an item not yet qualified nor located', () => {
    const pkg = pharosPackage(
      dossier({
        kind: 'account',
        url: null,
        host: 'snapchat',
        platform: 'Snapchat',
        account: 'evil_99',
        assessment: null,
        hosting: null,
      }),
      notifier,
    );
    expect(JSON.parse(JSON.stringify(pkg))).toEqual(pkg);
    expect(pkg).toMatchObject({ classification: null, offences: [], hosting: null, assessedAt: null });
    expect(pkg.location).toMatchObject({
      kind: 'account',
      urls: [],
      platform: 'Snapchat',
      account: 'evil_99',
    });
  });
});

describe('PHAROS package (PDF)', () => {
  it('is a PDF, in French by default, with the reference, the address and the descriptions', async () => {
    const pdf = await renderPharosPdf(dossier(), notifier);
    expect(Buffer.from(pdf.subarray(0, 5)).toString('latin1')).toBe('%PDF-');
    const text = await pdfText(pdf);
    expect(text).toContain('HL-4F6C2A1E');
    expect(text).toContain('https://bad.example.net/p/42');
    expect(text).toContain('Transmission à PHAROS');
    expect(text.replace(/\n/g, ' ')).toContain(DESCRIPTION);
    expect(text).toContain('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(text).toContain('Images pédocriminelles');
    expect(text).toContain('AS64500');
    expect(text).not.toContain('Analyst Name');
  });

  it('speaks English when asked', async () => {
    const text = await pdfText(await renderPharosPdf(dossier(), notifier, 'en'));
    expect(text).toContain('Referral to PHAROS');
    expect(text).toContain('Child sexual abuse material');
  });

  it('gives the same bytes for the same dossier', async () => {
    const first = await renderPharosPdf(dossier(), notifier);
    const second = await renderPharosPdf(dossier(), notifier);
    expect(Buffer.from(first).equals(Buffer.from(second))).toBe(true);
  });

  it('renders an item with nothing qualified yet', async () => {
    const text = await pdfText(
      await renderPharosPdf(dossier({ assessment: null, hosting: null, reports: [] }), notifier),
    );
    expect(text).toContain('HL-4F6C2A1E');
    expect(text).toContain('pas encore été qualifié');
  });
});
