// The hash banks in the staff console: the administrators' pages (the banks, this instance's PDQ index,
// creating, editing, importing, exporting and deleting a bank), and what the hotline pages need to show a
// picture's check (known material is never displayed) and to add a confirmed item's pictures to a bank.
export { banksApi } from './api.ts';
export { BANK_KINDS, BANK_LABEL_MAX, PDQ_MIN_QUALITY } from './constants.ts';
export {
  type ImageAnswer,
  imageRefusal,
  isBlockingKind,
  pdqUsable,
  refusedReasonOf,
  type ShotDisplay,
  shotDisplay,
} from './media-check.ts';
export { bankRoutes } from './routes.tsx';
export { BankNavItems } from './sections.tsx';
