// Secrets a visitor holds: the resumption code they may write down (easy to read aloud and to copy:
// three groups of five characters from an alphabet without look-alikes, ~74 bits), and the tab's
// visitor token (never shown). Only hashes are stored.
import { randomInt } from 'node:crypto';
import { randomToken, sha256Hex } from '../../infra/crypto.ts';

const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
const GROUPS = 3;
const GROUP_LENGTH = 5;

/** Bits of entropy of a resumption code (asserted >= 60 in tests). */
export const RESUME_CODE_BITS = GROUPS * GROUP_LENGTH * Math.log2(ALPHABET.length);

export function generateResumeCode(): string {
  return Array.from({ length: GROUPS }, () =>
    Array.from({ length: GROUP_LENGTH }, () => ALPHABET[randomInt(ALPHABET.length)]).join(''),
  ).join('-');
}

/** Case, spaces and dashes do not matter. */
export function normaliseResumeCode(code: string): string {
  return code.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

export function hashResumeCode(code: string): string {
  return sha256Hex(`resume:${normaliseResumeCode(code)}`);
}

export function generateVisitorToken(): string {
  return randomToken(32);
}

export function hashVisitorToken(token: string): string {
  return sha256Hex(`visitor:${token}`);
}

export function hashDeviceToken(token: string): string {
  return sha256Hex(`device:${token}`);
}
