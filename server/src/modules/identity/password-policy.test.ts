import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCommonPasswords, passwordProblem } from './password-policy.ts';

const common = loadCommonPasswords(path.resolve(import.meta.dirname, '../../../../content'));

describe('password policy', () => {
  it.each([
    ['short', 'Tr0ub4dor&3'],
    ['in the common list', 'qwerty123456'],
    ['a common word with digits', 'password123456789'],
    ['a French common word', 'Motdepasse2026!!'],
    ['repeated characters', 'aaaaaaaaaaaaaaa'],
    ['containing the username', 'xx-camille-long-enough'],
  ])('refuses a password that is %s', (_why, password) => {
    expect(passwordProblem(password, { username: 'camille', common })).not.toBeNull();
  });

  it.each(['correct horse battery staple', 'Le chat dort sur 3 coussins', 'j4i-mange-des-p0mmes-vertes'])(
    'accepts %s',
    (password) => {
      expect(passwordProblem(password, { username: 'camille', common })).toBeNull();
    },
  );
});
