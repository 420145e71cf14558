// The contracts' values the hash bank pages need, copied so that the console does not pull zod into its
// bundle; each list is typed as the contract's constant (a change there is a compile error here) and
// constants.test.ts checks the values, the bounds and the name rule against the schemas.
import type {
  BANK_KINDS as CONTRACT_BANK_KINDS,
  HASH_ALGORITHMS as CONTRACT_HASH_ALGORITHMS,
  MEDIA_REFUSED_REASONS as CONTRACT_MEDIA_REFUSED_REASONS,
  TBankKind,
  TMediaRefusedReason,
} from '@abri/contracts';

export const BANK_KINDS: typeof CONTRACT_BANK_KINDS = [
  'csam',
  'ncii',
  'terrorism',
  'benign',
  'other',
] as const;

/** Kinds whose matches are never displayed and put their report at the top of the queue. */
export const BLOCKING_BANK_KINDS: readonly TBankKind[] = ['csam', 'ncii', 'terrorism'];

export const HASH_ALGORITHMS: typeof CONTRACT_HASH_ALGORITHMS = ['pdq', 'md5', 'sha1', 'sha256'] as const;

/** How an import treats malformed lines (ZImportMode), the safe one first: it is the default. */
export const IMPORT_MODES = ['refuse_all', 'skip_invalid'] as const;
export type ImportMode = (typeof IMPORT_MODES)[number];

/** What a text line of 64 hex characters is taken for (ZBankImportQuery.algorithm). */
export const IMPORT_ALGORITHMS = ['pdq', 'sha256'] as const;
export type ImportAlgorithm = (typeof IMPORT_ALGORITHMS)[number];

/** ZBankName: what `abri pdq match --bank NAME` takes. */
export const BANK_NAME_PATTERN = /^[a-z0-9][a-z0-9._-]*$/;
export const BANK_NAME_BOUNDS = { min: 2, max: 64 } as const;
export const BANK_SOURCE_MAX = 200;
export const BANK_DESCRIPTION_MAX = 2000;
export const BANK_LABEL_MAX = 200;
export const IMPORT_FILENAME_MAX = 200;

/** PDQ distances are differing bits out of 256; 31 is Meta's recommended default. */
export const PDQ_DISTANCE_BOUNDS = { min: 0, max: 64 } as const;
export const PDQ_DEFAULT_DISTANCE = 31;
/** Under this quality a PDQ hash describes a flat picture and matches unreliably. */
export const PDQ_MIN_QUALITY = 50;

/** Reasons the hashing job gives for a picture it could not read (decoding's, plus "gone": deleted). */
export const REFUSED_REASONS: typeof CONTRACT_MEDIA_REFUSED_REASONS = [
  'empty',
  'unsupported',
  'corrupt',
  'too_many_pixels',
  'animated',
  'gone',
];
export type RefusedReason = TMediaRefusedReason;

export function isBankName(name: string): boolean {
  return (
    name.length >= BANK_NAME_BOUNDS.min && name.length <= BANK_NAME_BOUNDS.max && BANK_NAME_PATTERN.test(name)
  );
}
