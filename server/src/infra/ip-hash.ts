// Visitors' IP addresses are never stored. Where a per-address key is needed (rate limits, blocking an
// abusive visitor), we keep HMAC(daily salt, address): the salt is random, lives in the database so every
// instance agrees, and is deleted after two days, after which yesterday's hashes can no longer be linked to
// an address, even by us.
import { sql } from 'kysely';
import type { Db } from '../database.ts';
import type { Clock } from './clock.ts';
import { hmacHex, randomToken } from './crypto.ts';

export class IpHasher {
  #cache = new Map<string, string>();

  constructor(
    private readonly db: Db,
    private readonly clock: Clock,
  ) {}

  async hash(ip: string): Promise<string> {
    const day = this.clock.now().toISOString().slice(0, 10);
    let salt = this.#cache.get(day);
    if (!salt) {
      salt = await this.#saltFor(day);
      this.#cache = new Map([[day, salt]]);
    }
    return hmacHex(salt, ip).slice(0, 32);
  }

  async #saltFor(day: string): Promise<string> {
    await this.db
      .insertInto('ip_salts')
      .values({ day, salt: randomToken(32) })
      .onConflict((oc) => oc.column('day').doNothing())
      .execute();
    await this.db
      .deleteFrom('ip_salts')
      .where('day', '<', sql<string>`(${day}::date - interval '1 day')::date::text`)
      .execute();
    const row = await this.db
      .selectFrom('ip_salts')
      .select('salt')
      .where('day', '=', day)
      .executeTakeFirstOrThrow();
    return row.salt;
  }
}
