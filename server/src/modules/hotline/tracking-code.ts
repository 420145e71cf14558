// The code a reporter writes down to follow their report: the same shape as the chat's resumption codes
// (three groups of five from an alphabet without look-alikes, ~74 bits), so one habit serves both. Only a
// hash is stored; the prefix keeps a report code and a chat code from ever hashing alike.
import { sha256Hex } from '../../infra/crypto.ts';
import { generateResumeCode } from '../helpline/index.ts';

export function generateTrackingCode(): string {
  return generateResumeCode();
}

/** Case, spaces and dashes do not matter: people copy codes by hand. */
export function hashTrackingCode(code: string): string {
  return sha256Hex(`report:${code.toUpperCase().replace(/[^A-Z0-9]/g, '')}`);
}
