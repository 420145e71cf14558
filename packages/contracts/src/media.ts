import { z } from 'zod';

/**
 * What a bank holds. Matches against the first three mean the image is known abuse material: it is never
 * displayed to anyone again, and its report goes to the top of the queue. "benign" groups harmless
 * duplicates (logos, memes); "other" is for lists a hotline keeps for its own reasons.
 */
export const BANK_KINDS = ['csam', 'ncii', 'terrorism', 'benign', 'other'] as const;
export const ZBankKind = z.enum(BANK_KINDS);
export type TBankKind = z.infer<typeof ZBankKind>;

/** Kinds whose matches are never displayed and prioritise their report. */
export const BLOCKING_BANK_KINDS: readonly TBankKind[] = ['csam', 'ncii', 'terrorism'];

export const HASH_ALGORITHMS = ['pdq', 'md5', 'sha1', 'sha256'] as const;
export const ZHashAlgorithm = z.enum(HASH_ALGORITHMS);
export type THashAlgorithm = z.infer<typeof ZHashAlgorithm>;

/** Meta's guidance: a PDQ hash of quality under 50 describes a flat image and matches unreliably. */
export const PDQ_MIN_QUALITY = 50;
export const PDQ_DEFAULT_DISTANCE = 31;

/** A bank's name is what `abri pdq match --bank NAME` takes: short, no spaces. */
export const ZBankName = z
  .string()
  .trim()
  .min(2, 'at least 2 characters')
  .max(64, 'at most 64 characters')
  .regex(
    /^[a-z0-9][a-z0-9._-]*$/,
    'lower-case letters, digits, dot, dash and underscore, starting with a letter or digit',
  );

const ZBankText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `at most ${max} characters`)
    // biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point.
    .regex(/^[^\u0000-\u0008\u000b\u000c\u000e-\u001f]*$/, 'no control characters');

export const ZBankInput = z.strictObject({
  name: ZBankName,
  kind: ZBankKind,
  source: ZBankText(200).min(1, 'required'),
  description: ZBankText(2000).default(''),
  /** PDQ matches up to this many differing bits count (31 is Meta's recommended default). */
  pdqMaxDistance: z.number().int().min(0, 'at least 0').max(64, 'at most 64').default(PDQ_DEFAULT_DISTANCE),
});
export type TBankInput = z.input<typeof ZBankInput>;

export const ZBankUpdate = z.strictObject({
  kind: ZBankKind.optional(),
  source: ZBankText(200).min(1, 'required').optional(),
  description: ZBankText(2000).optional(),
  pdqMaxDistance: z.number().int().min(0, 'at least 0').max(64, 'at most 64').optional(),
  /** An inactive bank is kept but not matched against. */
  active: z.boolean().optional(),
});
export type TBankUpdate = z.infer<typeof ZBankUpdate>;

export const ZBankCounts = z.object({
  pdq: z.number().int(),
  md5: z.number().int(),
  sha1: z.number().int(),
  sha256: z.number().int(),
});

export const ZBank = z.object({
  id: z.string(),
  name: z.string(),
  kind: ZBankKind,
  source: z.string(),
  description: z.string(),
  pdqMaxDistance: z.number().int(),
  active: z.boolean(),
  counts: ZBankCounts,
  /** Images stored in Abri that match this bank now. */
  matchedImages: z.number().int(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TBank = z.infer<typeof ZBank>;

/** This instance's copy of the PDQ index (each instance holds its own and reloads it on change). */
export const ZBankIndexStatus = z.object({
  /** The bank version the loaded index reflects, and the newest one in the database. */
  loadedVersion: z.number().int(),
  currentVersion: z.number().int(),
  loading: z.boolean(),
  hashes: z.number().int(),
  memoryBytes: z.number().int(),
  buildMs: z.number().nullable(),
  builtAt: z.iso.datetime().nullable(),
  error: z.string().nullable(),
});
export type TBankIndexStatus = z.infer<typeof ZBankIndexStatus>;

export const ZBankList = z.object({ banks: z.array(ZBank), index: ZBankIndexStatus });
export type TBankList = z.infer<typeof ZBankList>;

/** How an import treats malformed lines: skip them and add the rest, or change nothing. */
export const ZImportMode = z.enum(['skip_invalid', 'refuse_all']);
export type TImportMode = z.infer<typeof ZImportMode>;

export const ZBankImportQuery = z.strictObject({
  mode: ZImportMode.default('refuse_all'),
  /**
   * For text lines whose 64 hex characters could be PDQ or SHA-256 (32 and 40 characters are always MD5
   * and SHA-1). CSV files name their columns instead.
   */
  algorithm: z.enum(['pdq', 'sha256']).default('pdq'),
  /** Shown in the import history (the file's name, say). */
  filename: z.string().trim().max(200, 'at most 200 characters').optional(),
});
export type TBankImportQuery = z.input<typeof ZBankImportQuery>;

export const ZImportLineError = z.object({ line: z.number().int(), message: z.string() });
export type TImportLineError = z.infer<typeof ZImportLineError>;

export const ZBankImportResult = z.object({
  /** Its line in the bank's import history (a refused import has one too); null for an empty file. */
  id: z.string().nullable(),
  /** Whether anything was written (false when the import was refused whole). */
  applied: z.boolean(),
  mode: ZImportMode,
  format: z.enum(['csv', 'text']),
  lines: z.number().int(),
  added: z.number().int(),
  /** Already in the bank (or twice in the file): counted once. */
  duplicates: z.number().int(),
  invalid: z.number().int(),
  /** The first malformed lines (at most 200 listed; `invalid` counts them all). */
  errors: z.array(ZImportLineError),
});
export type TBankImportResult = z.infer<typeof ZBankImportResult>;

export const ZBankImport = z.object({
  id: z.string(),
  filename: z.string().nullable(),
  mode: ZImportMode,
  format: z.enum(['csv', 'text']),
  lines: z.number().int(),
  added: z.number().int(),
  duplicates: z.number().int(),
  invalid: z.number().int(),
  /** False when it was refused whole: nothing of it was written. */
  applied: z.boolean(),
  importedBy: z.string().nullable(),
  importedAt: z.iso.datetime(),
});
export type TBankImport = z.infer<typeof ZBankImport>;

export const ZBankDetail = ZBank.extend({ imports: z.array(ZBankImport) });
export type TBankDetail = z.infer<typeof ZBankDetail>;

/** One bank entry an image matched: which bank, by which hash, how far. */
export const ZMediaMatch = z.object({
  bankId: z.string(),
  bankName: z.string(),
  bankKind: ZBankKind,
  algorithm: ZHashAlgorithm,
  /** Differing bits for PDQ; 0 for an exact digest. */
  distance: z.number().int(),
  label: z.string().nullable(),
});
export type TMediaMatch = z.infer<typeof ZMediaMatch>;

/** Why an image could not be hashed: what decoding refuses (server/src/modules/media/decode.ts). */
export const IMAGE_REFUSED_REASONS = [
  'empty',
  'unsupported',
  'corrupt',
  'too_many_pixels',
  'animated',
] as const;
export type TImageRefusedReason = (typeof IMAGE_REFUSED_REASONS)[number];
/** The reasons a media check gives: decoding's, and "gone" (the file was deleted before it was hashed). */
export const MEDIA_REFUSED_REASONS = [...IMAGE_REFUSED_REASONS, 'gone'] as const;
export type TMediaRefusedReason = (typeof MEDIA_REFUSED_REASONS)[number];

/** Where an uploaded image stands: waiting to be hashed, hashed (and matched), or not an image we can read. */
export const ZMediaCheck = z.object({
  status: z.enum(['pending', 'hashed', 'refused']),
  pdq: z.string().nullable(),
  quality: z.number().int().nullable(),
  /** One of MEDIA_REFUSED_REASONS (a string, so that a client older than the server still reads it). */
  refusedReason: z.string().nullable(),
  matches: z.array(ZMediaMatch),
  /** The closest match in a bank of known abuse material: the image is never displayed. */
  known: ZMediaMatch.nullable(),
});
export type TMediaCheck = z.infer<typeof ZMediaCheck>;

export const ZAddToBankInput = z.strictObject({
  bankId: z.uuid('not a valid id'),
  /** The item's pictures to add (all of them when left out). */
  fileIds: z.array(z.uuid('not a valid id')).min(1, 'choose at least one picture').max(50).optional(),
  label: ZBankText(200).optional(),
});
export type TAddToBankInput = z.infer<typeof ZAddToBankInput>;

export const ZAddToBankResult = z.object({
  added: z.number().int(),
  duplicates: z.number().int(),
  /** PDQ hashes left out because the picture is too flat for PDQ to describe it reliably. */
  lowQualitySkipped: z.number().int(),
});
export type TAddToBankResult = z.infer<typeof ZAddToBankResult>;
