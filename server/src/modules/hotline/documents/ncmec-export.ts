// The hotline's dossiers as JSON shaped like NCMEC CyberTipline Reporting API reports, for partners whose
// tools read that structure (NCMEC itself, and hotlines or researchers who reuse it). Field names follow
// the API's report XSD where a field applies; what it has no field for is prefixed "abri". The reporter
// of the CyberTipline report is the hotline: members of the public who reported to us never appear, and
// neither do the files (only their hashes). docs/hotline-export.md documents every field.
import type { TReportCategory } from '@abri/contracts';
import type { Dossier, DossierFile, Notifier } from './dossier.ts';

export const HOTLINE_EXPORT_SCHEMA = 'abri.hotline-export/1';

/** The incidentType values of the CyberTipline Reporting API (report XSD, element incidentSummary). */
export const CYBERTIPLINE_INCIDENT_TYPES = [
  'Child Pornography (possession, manufacture, and distribution)',
  'Child Sex Trafficking',
  'Child Sex Tourism',
  'Child Sexual Molestation',
  'Misleading Domain Name',
  'Misleading Words or Digital Images on the Internet',
  'Online Enticement of Children for Sexual Acts',
  'Unsolicited Obscene Material Sent to a Child',
] as const;
export type CyberTiplineIncidentType = (typeof CYBERTIPLINE_INCIDENT_TYPES)[number];

/**
 * Our report categories as CyberTipline incident types. The CyberTipline only knows child sexual
 * exploitation: grooming is "online enticement", and NCMEC files sextortion of children under online
 * enticement too (the sextortion report annotation then says which). Harassment, intimate images of
 * adults, hate, terrorism and "other" have no incident type: null, and the note says why, rather than a
 * value the API would refuse. The mapping follows the reporter's category; the analyst's offences are in
 * the abri block for whoever needs a finer reading.
 */
export const INCIDENT_TYPE_BY_CATEGORY: Record<TReportCategory, CyberTiplineIncidentType | null> = {
  child_sexual_abuse: 'Child Pornography (possession, manufacture, and distribution)',
  grooming: 'Online Enticement of Children for Sexual Acts',
  sextortion: 'Online Enticement of Children for Sexual Acts',
  cyber_harassment: null,
  non_consensual_images: null,
  hate_violence: null,
  terrorism: null,
  other: null,
};

export interface CyberTiplineHash {
  hashType: 'MD5' | 'SHA1' | 'SHA256';
  value: string;
}

export interface ExportFileDetails {
  fileName: string;
  originalFileHash: CyberTiplineHash[];
  additionalInfo: string[];
  abriContentType: string;
  abriFileSize: number;
  abriReportId: string;
}

export interface ExportInternetDetails {
  webPageIncident?: { url: string[]; thirdPartyHostedContent: boolean; additionalInfo: string };
  /** Content inside an app (no subtype: see docs/hotline-export.md). */
  abriAppIncident?: { platform: string | null; account: string | null };
  additionalInfo?: string;
}

export interface ExportReport {
  incidentSummary: {
    incidentType: CyberTiplineIncidentType | null;
    platform?: string;
    reportAnnotations?: { sextortion: true };
    incidentDateTime: string;
    incidentDateTimeDescription: string;
    abriCategory: TReportCategory;
    abriIncidentTypeNote?: string;
  };
  internetDetails: ExportInternetDetails[];
  reporter: {
    reportingPerson: {
      email: { value: string; type: 'Business' }[];
      address?: { address: string; type: 'Business' }[];
      abriOrganisation: string;
      abriContactName: string | null;
    };
    companyTemplate: string;
  };
  personOrUserReported?: { espService?: string; screenName?: string; thirdPartyUserReported: true };
  fileDetails: ExportFileDetails[];
  additionalInfo: string;
  abri: {
    reference: string;
    itemId: string;
    status: Dossier['status'] | null;
    classification: string | null;
    contentType: string | null;
    siteType: string | null;
    victimAge: string | null;
    victimGender: string | null;
    assessedAt: string | null;
    offences: {
      id: string;
      article: string;
      label: { fr: string; en: string };
      dsaCategory: string;
      csam: boolean;
    }[];
    hosting: {
      ips: string[];
      country: string | null;
      asn: number | null;
      provider: string | null;
      resolvedAt: string;
    } | null;
    firstReportedAt: string;
    lastReportedAt: string;
    reportCount: number;
  };
}

export interface HotlineExport {
  schema: typeof HOTLINE_EXPORT_SCHEMA;
  generatedAt: string;
  reports: ExportReport[];
}

const EXTENSIONS: Record<string, string> = {
  'image/png': 'png',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/gif': 'gif',
  'video/mp4': 'mp4',
};

function fileDetails(file: DossierFile, reportId: string, receivedAt: Date): ExportFileDetails {
  return {
    fileName: `${file.id}.${EXTENSIONS[file.contentType] ?? 'bin'}`,
    originalFileHash: [
      { hashType: 'MD5', value: file.md5 },
      { hashType: 'SHA1', value: file.sha1 },
      { hashType: 'SHA256', value: file.sha256 },
    ],
    additionalInfo: [
      `Screenshot supplied by a member of the public with a report received ${receivedAt.toISOString()}. ` +
        'The file itself is not part of this export.',
    ],
    abriContentType: file.contentType,
    abriFileSize: file.size,
    abriReportId: reportId,
  };
}

function internetDetails(dossier: Dossier): ExportInternetDetails[] {
  const a = dossier.assessment;
  const context = a
    ? `Site type: ${a.siteType}; content type: ${a.contentType}.`
    : 'Not yet assessed by an analyst.';
  if (dossier.kind === 'url' && dossier.url)
    return [
      {
        // Always third-party content: the hotline hosts nothing it reports.
        webPageIncident: {
          url: [dossier.url],
          thirdPartyHostedContent: true,
          additionalInfo: `Reported to the hotline by members of the public. ${context}`,
        },
      },
    ];
  return [
    {
      abriAppIncident: { platform: dossier.platform, account: dossier.account },
      additionalInfo:
        `Content inside an app, with no web address: platform "${dossier.platform ?? 'unknown'}", ` +
        `account "${dossier.account ?? 'unknown'}". ${context}`,
    },
  ];
}

function exportReport(dossier: Dossier, notifier: Notifier): ExportReport {
  const a = dossier.assessment;
  const incidentType = INCIDENT_TYPE_BY_CATEGORY[dossier.category];
  const report: ExportReport = {
    incidentSummary: {
      incidentType,
      ...(dossier.kind === 'account' && dossier.platform ? { platform: dossier.platform } : {}),
      ...(dossier.category === 'sextortion' ? { reportAnnotations: { sextortion: true as const } } : {}),
      incidentDateTime: dossier.firstReportedAt.toISOString(),
      incidentDateTimeDescription:
        'When the hotline first received a report of this content; the time of the incident itself is ' +
        `unknown. Last reported ${dossier.lastReportedAt.toISOString()}; ${dossier.reportCount} report(s).`,
      abriCategory: dossier.category,
      ...(incidentType
        ? {}
        : {
            abriIncidentTypeNote: `No CyberTipline incident type fits the category "${dossier.category}".`,
          }),
    },
    internetDetails: internetDetails(dossier),
    // The hotline reports, as an organisation: the CyberTipline's person record has no organisation
    // field, hence abriOrganisation, and the organisation in companyTemplate as the API intends it.
    reporter: {
      reportingPerson: {
        email: [{ value: notifier.email, type: 'Business' }],
        ...(notifier.address.trim()
          ? { address: [{ address: notifier.address, type: 'Business' as const }] }
          : {}),
        abriOrganisation: notifier.organisation,
        abriContactName: notifier.contactName.trim() || null,
      },
      companyTemplate:
        `${notifier.organisation}: a hotline that receives reports from the public and qualifies them. ` +
        "The reporters' identities are not disclosed; please quote our reference in any request.",
    },
    fileDetails: dossier.reports.flatMap((r) => r.files.map((f) => fileDetails(f, r.id, r.receivedAt))),
    additionalInfo: `Hotline reference ${dossier.reference}. Prepared from ${dossier.reportCount} public report(s).`,
    abri: {
      reference: dossier.reference,
      itemId: dossier.id,
      status: dossier.status ?? null,
      classification: a?.classification ?? null,
      contentType: a?.contentType ?? null,
      siteType: a?.siteType ?? null,
      victimAge: a?.victimAge ?? null,
      victimGender: a?.victimGender ?? null,
      assessedAt: a?.assessedAt.toISOString() ?? null,
      offences: (a?.offences ?? []).map((o) => ({
        id: o.id,
        article: o.article,
        label: { fr: o.label.fr, en: o.label.en },
        dsaCategory: o.dsaCategory,
        csam: o.csam,
      })),
      hosting: dossier.hosting
        ? {
            ips: [...dossier.hosting.ips],
            country: dossier.hosting.country,
            asn: dossier.hosting.asn,
            provider: dossier.hosting.provider,
            resolvedAt: dossier.hosting.resolvedAt.toISOString(),
          }
        : null,
      firstReportedAt: dossier.firstReportedAt.toISOString(),
      lastReportedAt: dossier.lastReportedAt.toISOString(),
      reportCount: dossier.reportCount,
    },
  };
  // Only an account names someone to report; a web page says where the content is, not who put it there.
  if (dossier.kind === 'account')
    report.personOrUserReported = {
      ...(dossier.platform ? { espService: dossier.platform } : {}),
      ...(dossier.account ? { screenName: dossier.account } : {}),
      thirdPartyUserReported: true,
    };
  return report;
}

/**
 * One export of many dossiers. `generatedAt` is passed in by the caller (the route gives the request
 * time), so that a test, or a re-run over the same dossiers, gives the same JSON.
 */
export function ncmecExport(
  dossiers: readonly Dossier[],
  notifier: Notifier,
  generatedAt: Date = new Date(),
): HotlineExport {
  return {
    schema: HOTLINE_EXPORT_SCHEMA,
    generatedAt: generatedAt.toISOString(),
    reports: dossiers.map((dossier) => exportReport(dossier, notifier)),
  };
}
