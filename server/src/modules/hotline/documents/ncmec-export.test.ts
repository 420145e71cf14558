// The NCMEC-shaped export: CyberTipline field names where they apply, the hotline as the reporter, the
// reported account only for app content, screenshots as hashes, and nothing of the members of the public.
import { REPORT_CATEGORIES, type TLegalOffence } from '@abri/contracts';
import { describe, expect, it } from 'vitest';
import type { Dossier, Notifier } from './dossier.ts';
import {
  CYBERTIPLINE_INCIDENT_TYPES,
  HOTLINE_EXPORT_SCHEMA,
  INCIDENT_TYPE_BY_CATEGORY,
  ncmecExport,
} from './ncmec-export.ts';

const DESCRIPTION = 'Zorblax-description-7f3c: my name is Lou and I am 12';

const offence: TLegalOffence = {
  id: 'FR:227-22-1',
  country: 'FR',
  code: '227-22-1',
  article: 'Article 227-22-1 du Code pénal',
  label: { fr: 'Propositions sexuelles à un mineur', en: 'Sexual propositions to a child' },
  dsaCategory: 'STATEMENT_CATEGORY_PROTECTION_OF_MINORS',
  csam: true,
  active: true,
};

const notifier: Notifier = {
  organisation: 'Association Quokka-Signal',
  contactName: 'Équipe d’analyse',
  email: 'analyse@example.org',
  address: '1 rue de l’Exemple, 75000 Paris',
  trustedFlagger: { status: false, reference: '' },
};

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
    reportCount: 1,
    assessment: {
      classification: 'nationally_illegal',
      contentType: 'text',
      victimAge: null,
      victimGender: null,
      siteType: 'forum',
      offences: [offence],
      notes: null,
      assessedAt: new Date('2025-03-15T09:00:00Z'),
      assessedByName: 'Analyst Name',
    },
    hosting: {
      ips: ['192.0.2.10'],
      country: 'US',
      asn: 64500,
      provider: 'Example Host',
      resolvedAt: new Date('2025-03-15T09:05:00Z'),
    },
    reports: [
      {
        id: 'a1b2c3d4-0000-4000-8000-000000000002',
        category: 'grooming',
        source: 'website',
        platform: null,
        account: null,
        description: DESCRIPTION,
        receivedAt: new Date('2025-03-14T09:30:00Z'),
        files: [
          {
            id: 'f0000000-0000-4000-8000-000000000003',
            contentType: 'image/png',
            size: 2048,
            md5: 'd41d8cd98f00b204e9800998ecf8427e',
            sha1: 'da39a3ee5e6b4b0d3255bfef95601890afd80709',
            sha256: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
          },
          {
            id: 'f0000000-0000-4000-8000-000000000004',
            contentType: 'image/jpeg',
            size: 4096,
            md5: '0cc175b9c0f1b6a831c399e269772661',
            sha1: '86f7e437faa5a7fce15d1ddcb9eaeaea377667b8',
            sha256: 'ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb',
          },
        ],
      },
    ],
    status: 'awaiting_removal',
    createdAt: new Date('2025-03-15T10:00:00Z'),
    ...overrides,
  };
}

const appDossier = () =>
  dossier({ kind: 'account', url: null, host: 'snapchat', platform: 'Snapchat', account: 'evil_99' });

const GENERATED = new Date('2025-04-01T00:00:00Z');

function keyPaths(value: unknown, prefix = ''): string[] {
  if (Array.isArray(value)) return value.flatMap((item, i) => keyPaths(item, `${prefix}${i}.`));
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([key, child]) => [
    `${prefix}${key}`,
    ...keyPaths(child, `${prefix}${key}.`),
  ]);
}

describe('NCMEC-shaped export', () => {
  it('wraps the reports with its schema and the time it was made', () => {
    const out = ncmecExport([dossier(), appDossier()], notifier, GENERATED);
    expect(out.schema).toBe(HOTLINE_EXPORT_SCHEMA);
    expect(out.generatedAt).toBe('2025-04-01T00:00:00.000Z');
    expect(out.reports).toHaveLength(2);
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  it('describes a web page as a webPageIncident, with no reported person', () => {
    const [report] = ncmecExport([dossier()], notifier, GENERATED).reports;
    expect(report!.incidentSummary).toMatchObject({
      incidentType: 'Online Enticement of Children for Sexual Acts',
      incidentDateTime: '2025-03-14T09:30:00.000Z',
      abriCategory: 'grooming',
    });
    expect(report!.incidentSummary.incidentDateTimeDescription).toContain('2025-03-15T08:00:00.000Z');
    expect(report!.internetDetails).toHaveLength(1);
    expect(report!.internetDetails[0]!.webPageIncident).toMatchObject({
      url: ['https://bad.example.net/p/42'],
      thirdPartyHostedContent: true,
    });
    expect(report!).not.toHaveProperty('personOrUserReported');
  });

  it('names the platform and account of app content as the reported user', () => {
    const [report] = ncmecExport([appDossier()], notifier, GENERATED).reports;
    expect(report!.personOrUserReported).toEqual({
      espService: 'Snapchat',
      screenName: 'evil_99',
      thirdPartyUserReported: true,
    });
    expect(report!.incidentSummary.platform).toBe('Snapchat');
    const [details] = report!.internetDetails;
    expect(details).not.toHaveProperty('webPageIncident');
    expect(details!.additionalInfo).toContain('Snapchat');
    expect(details!.additionalInfo).toContain('evil_99');
  });

  it('gives each screenshot as a file name and its three hashes, never the file', () => {
    const [report] = ncmecExport([dossier()], notifier, GENERATED).reports;
    expect(report!.fileDetails).toHaveLength(2);
    expect(report!.fileDetails[0]).toMatchObject({
      fileName: 'f0000000-0000-4000-8000-000000000003.png',
      originalFileHash: [
        { hashType: 'MD5', value: 'd41d8cd98f00b204e9800998ecf8427e' },
        { hashType: 'SHA1', value: 'da39a3ee5e6b4b0d3255bfef95601890afd80709' },
        { hashType: 'SHA256', value: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
      ],
      abriContentType: 'image/png',
      abriFileSize: 2048,
    });
    expect(report!.fileDetails[1]!.fileName).toBe('f0000000-0000-4000-8000-000000000004.jpg');
  });

  it('reports as the hotline, and carries nothing of the members of the public', () => {
    const leaky = dossier();
    Object.assign(leaky.reports[0]!, { email: 'child@example.net' });
    const out = ncmecExport([leaky, appDossier()], notifier, GENERATED);
    const [report] = out.reports;
    expect(report!.reporter.reportingPerson).toMatchObject({
      email: [{ value: 'analyse@example.org', type: 'Business' }],
      abriOrganisation: 'Association Quokka-Signal',
    });
    expect(report!.reporter.companyTemplate).toContain('Association Quokka-Signal');
    expect(keyPaths(out).filter((key) => /email/i.test(key.split('.').at(-1)!))).toEqual([
      'reports.0.reporter.reportingPerson.email',
      'reports.1.reporter.reportingPerson.email',
    ]);
    const json = JSON.stringify(out);
    expect(json).not.toContain('child@example.net');
    expect(json).not.toContain('Zorblax');
    expect(json).not.toContain('Analyst Name');
  });

  it('maps every category to a CyberTipline incident type, or to none with a note', () => {
    for (const category of REPORT_CATEGORIES) {
      const [report] = ncmecExport([dossier({ category })], notifier, GENERATED).reports;
      const { incidentType, abriIncidentTypeNote } = report!.incidentSummary;
      expect(incidentType).toBe(INCIDENT_TYPE_BY_CATEGORY[category]);
      if (incidentType) expect(CYBERTIPLINE_INCIDENT_TYPES).toContain(incidentType);
      else expect(abriIncidentTypeNote).toContain(category);
    }
    const [csam] = ncmecExport([dossier({ category: 'child_sexual_abuse' })], notifier, GENERATED).reports;
    expect(csam!.incidentSummary.incidentType).toBe(
      'Child Pornography (possession, manufacture, and distribution)',
    );
    const [sextortion] = ncmecExport([dossier({ category: 'sextortion' })], notifier, GENERATED).reports;
    expect(sextortion!.incidentSummary.reportAnnotations).toEqual({ sextortion: true });
  });

  it('keeps our own qualification in the abri block', () => {
    const [report] = ncmecExport([dossier()], notifier, GENERATED).reports;
    expect(report!.abri).toMatchObject({
      reference: 'HL-4F6C2A1E',
      status: 'awaiting_removal',
      classification: 'nationally_illegal',
      offences: [{ id: 'FR:227-22-1', article: 'Article 227-22-1 du Code pénal', csam: true }],
      hosting: { ips: ['192.0.2.10'], country: 'US', asn: 64500, provider: 'Example Host' },
      reportCount: 1,
    });
    const [bare] = ncmecExport(
      [dossier({ assessment: null, hosting: null, status: undefined })],
      notifier,
      GENERATED,
    ).reports;
    expect(bare!.abri).toMatchObject({ status: null, classification: null, offences: [], hosting: null });
  });
});
