// What the hotline's documents are made from: one item as the analyst qualified it, with its hosting and
// the reports that pointed at it, stripped of every reporter's identity (no e-mail address ever reaches
// this type). The service builds it (analysis.service.ts); the renderers here are pure functions of it.
import type { THotlineItemStatus, TLegalOffence, TReportCategory } from '@abri/contracts';

export interface DossierReport {
  /** Our report id (a UUID): not the reporter's tracking code. */
  id: string;
  category: TReportCategory;
  source: string | null;
  platform: string | null;
  account: string | null;
  /** The reporter's own words: may be passed to PHAROS (it helps the police), never to a provider. */
  description: string | null;
  receivedAt: Date;
  files: DossierFile[];
}

export interface DossierFile {
  id: string;
  contentType: string;
  size: number;
  sha256: string;
  md5: string;
  sha1: string;
}

export interface DossierAssessment {
  classification: 'baseline' | 'nationally_illegal' | 'not_illegal';
  contentType: 'image' | 'video' | 'text' | 'other';
  victimAge: 'infant' | 'prepubescent' | 'pubescent' | 'unknown' | null;
  victimGender: 'female' | 'male' | 'both' | 'unknown' | null;
  siteType: string;
  offences: TLegalOffence[];
  notes: string | null;
  assessedAt: Date;
  assessedByName: string | null;
}

export interface DossierHosting {
  ips: string[];
  country: string | null;
  asn: number | null;
  provider: string | null;
  resolvedAt: Date;
}

/** The organisation that notifies (settings.hotline): the hotline itself, never a member of the public. */
export interface Notifier {
  organisation: string;
  contactName: string;
  email: string;
  address: string;
  trustedFlagger: { status: boolean; reference: string };
}

export interface Dossier {
  /** Our item id (a UUID). */
  id: string;
  /** A short reference for humans and partners: "HL-" and the first 8 hex digits of the id, upper case. */
  reference: string;
  kind: 'url' | 'account';
  url: string | null;
  host: string;
  platform: string | null;
  account: string | null;
  category: TReportCategory;
  firstReportedAt: Date;
  lastReportedAt: Date;
  reportCount: number;
  assessment: DossierAssessment | null;
  hosting: DossierHosting | null;
  reports: DossierReport[];
  /** Where the item stands, for the export's extension block (optional: notices and referrals ignore it). */
  status?: THotlineItemStatus;
  /** When the document is made (passed in, so that the same dossier always gives the same bytes). */
  createdAt: Date;
}

export function itemReference(id: string): string {
  return `HL-${id.replaceAll('-', '').slice(0, 8).toUpperCase()}`;
}
