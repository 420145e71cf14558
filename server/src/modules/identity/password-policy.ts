// Password rules for staff accounts: at least 12 characters and not a known common password (the 49,000
// of @zxcvbn-ts/language-common plus a French list in content/security), nor a trivial variant of one.
import fs from 'node:fs';
import path from 'node:path';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@abri/contracts';
import { dictionary } from '@zxcvbn-ts/language-common';
import { AppError } from '../../infra/errors.ts';

let commonPasswords: Set<string> | undefined;

export function loadCommonPasswords(contentDir: string): Set<string> {
  if (commonPasswords) return commonPasswords;
  const set = new Set(dictionary['passwords-common'].map((word) => word.toLowerCase()));
  const file = path.join(contentDir, 'security/common-passwords-fr.txt');
  if (fs.existsSync(file)) {
    for (const line of fs.readFileSync(file, 'utf8').split('\n')) {
      const word = line.trim().toLowerCase();
      if (word && !word.startsWith('#')) set.add(word);
    }
  }
  commonPasswords = set;
  return set;
}

/** Variants people make of a common word: case, digits or symbols added at either end. */
function cores(password: string): string[] {
  const lower = password.toLowerCase().normalize('NFKC');
  const stripped = lower.replace(/^[\d\W_]+|[\d\W_]+$/g, '');
  return [lower, stripped, stripped.replace(/[\s_-]+/g, '')];
}

export function passwordProblem(
  password: string,
  context: { username?: string; common: Set<string> },
): string | null {
  if ([...password].length < PASSWORD_MIN_LENGTH) return `at least ${PASSWORD_MIN_LENGTH} characters`;
  if (password.length > PASSWORD_MAX_LENGTH) return `at most ${PASSWORD_MAX_LENGTH} characters`;
  if (new Set(password).size < 4) return 'too few different characters';
  if (cores(password).some((core) => core.length > 0 && context.common.has(core))) {
    return 'this password is too common: choose a longer phrase of your own';
  }
  const username = context.username?.toLowerCase();
  if (username && username.length >= 3 && password.toLowerCase().includes(username)) {
    return 'the password must not contain the username';
  }
  if (/^(.)\1+$/.test(password) || /^(0123456789|1234567890|abcdefghijkl)/i.test(password))
    return 'too predictable';
  return null;
}

export function assertStrongPassword(
  password: string,
  context: { username?: string; common: Set<string> },
): void {
  const problem = passwordProblem(password, context);
  if (problem) {
    throw new AppError('AUTH_WEAK_PASSWORD', {
      userMessage: `This password is too weak: ${problem}.`,
      details: [{ path: 'newPassword', message: problem }],
    });
  }
}
