import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildTestApp, TEST_SECRET_KEY, withPrivateDatabase } from '../../test/helpers.ts';
import { decodeKey, SECRET_PURPOSES, SecretKeyError, Secrets } from './secrets.ts';

const dirs: string[] = [];
function tempDir(): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'abri-secrets-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of dirs) fs.rmSync(dir, { recursive: true, force: true });
});

describe('the instance secret', () => {
  it('is created once in DATA_DIR with mode 0600, then read back', () => {
    const dataDir = tempDir();
    const first = Secrets.load({ dataDir });
    expect(first.origin).toEqual({ file: path.join(dataDir, 'secret.key'), created: true });
    expect(fs.statSync(path.join(dataDir, 'secret.key')).mode & 0o777).toBe(0o600);
    const again = Secrets.load({ dataDir });
    expect(again.origin).toEqual({ file: path.join(dataDir, 'secret.key'), created: false });
    expect(again.key('audit-chain').equals(first.key('audit-chain'))).toBe(true);
    expect(again.fingerprint()).toBe(first.fingerprint());
  });

  it('prefers SECRET_KEY, then SECRET_KEY_FILE, and refuses short or malformed keys', () => {
    const dataDir = tempDir();
    const fromEnv = Secrets.load({ dataDir, secretKey: TEST_SECRET_KEY });
    expect(fromEnv.origin).toBe('environment');
    expect(fs.existsSync(path.join(dataDir, 'secret.key'))).toBe(false);
    const file = path.join(dataDir, 'mounted.key');
    fs.writeFileSync(file, `${Buffer.from(TEST_SECRET_KEY, 'hex').toString('base64')}\n`);
    const fromFile = Secrets.load({ dataDir, secretKeyFile: file });
    expect(fromFile.fingerprint()).toBe(fromEnv.fingerprint());
    expect(() => decodeKey('abcd', 'SECRET_KEY')).toThrow(SecretKeyError);
    expect(() => decodeKey('not a key at all, with spaces', 'SECRET_KEY')).toThrow(/at least 32/);
    expect(() => Secrets.load({ dataDir, secretKeyFile: path.join(dataDir, 'missing') })).toThrow(
      /cannot read/,
    );
  });

  it('derives a distinct key per purpose, none equal to the secret itself', () => {
    const secrets = Secrets.fromBytes(Buffer.from(TEST_SECRET_KEY, 'hex'));
    const keys = SECRET_PURPOSES.map((purpose) => secrets.key(purpose).toString('hex'));
    expect(new Set(keys).size).toBe(SECRET_PURPOSES.length);
    expect(keys).not.toContain(TEST_SECRET_KEY);
    const other = Secrets.fromBytes(Buffer.alloc(32, 7));
    expect(other.key('ip-hash').equals(secrets.key('ip-hash'))).toBe(false);
  });

  it('refuses to start an instance whose key is not the one the database was set up with', async () => {
    await withPrivateDatabase(async (privateEnv) => {
      // On PGlite, a data directory on disk, so that the second app opens the first one's database.
      const env = privateEnv.DATABASE_URL ? privateEnv : { ...privateEnv, DATA_DIR: tempDir() };
      const first = await buildTestApp({ env });
      const fingerprint = first.context.secrets.fingerprint();
      await first.close();
      await expect(buildTestApp({ env: { ...env, SECRET_KEY: 'b6'.repeat(32) } })).rejects.toThrow(
        new RegExp(`another secret key \\(fingerprint ${fingerprint}`),
      );
      const same = await buildTestApp({ env });
      await same.close();
    });
  });
});
