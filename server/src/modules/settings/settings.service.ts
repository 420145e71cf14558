// Settings live in the database, one row per top-level key, seeded from content/settings.json on start.
// Reads validate against the shared schema so that a bad row can never reach a page.
import fs from 'node:fs';
import path from 'node:path';
import { type TPublicSettings, type TSettings, ZSettings, ZSettingsPatch } from '@abri/contracts';
import type { Db } from '../../database.ts';
import { AppError } from '../../infra/errors.ts';
import type { AuditActor } from '../audit/index.ts';
import { recordAudit } from '../audit/index.ts';
import { openingStatus } from './opening-hours.ts';

export function loadDefaultSettings(contentDir: string): TSettings {
  const file = path.join(contentDir, 'settings.json');
  return ZSettings.parse(JSON.parse(fs.readFileSync(file, 'utf8')));
}

/**
 * Missing keys are inserted from the defaults; a stored object that lacks a field added by a newer version
 * gets that field's default, and keeps every value an administrator chose.
 */
export async function seedSettings(db: Db, defaults: TSettings): Promise<void> {
  const rows = Object.entries(defaults).map(([key, value]) => ({ key, value: JSON.stringify(value) }));
  await db
    .insertInto('settings')
    .values(rows)
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const stored = await db.selectFrom('settings').select(['key', 'value']).execute();
  for (const { key, value } of stored) {
    const fallback = (defaults as Record<string, unknown>)[key];
    if (!isPlainObject(value) || !isPlainObject(fallback)) continue;
    const missing = Object.keys(fallback).filter((field) => !(field in value));
    if (missing.length === 0) continue;
    const merged = { ...value, ...Object.fromEntries(missing.map((field) => [field, fallback[field]])) };
    await db
      .updateTable('settings')
      .set({ value: JSON.stringify(merged) })
      .where('key', '=', key)
      .execute();
  }
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export async function getSettings(db: Db): Promise<TSettings> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const raw = Object.fromEntries(
    rows.filter((row) => row.key in ZSettings.shape).map((row) => [row.key, row.value]),
  );
  const parsed = ZSettings.safeParse(raw);
  if (!parsed.success)
    throw new AppError('SETTINGS_INVALID', { message: 'Stored settings are incomplete or invalid' });
  return parsed.data;
}

// Hot paths (every chat message) read settings through a short cache; a change made on another instance
// is seen within CACHE_MS, one made here at once.
const CACHE_MS = 2000;
let cache: { db: Db; at: number; value: Promise<TSettings> } | undefined;

export function cachedSettings(db: Db, now = Date.now()): Promise<TSettings> {
  if (!cache || cache.db !== db || now - cache.at > CACHE_MS) {
    const value = getSettings(db);
    cache = { db, at: now, value };
    value.catch(() => {
      cache = undefined;
    });
  }
  return cache.value;
}

/** Read from the row itself: a broken settings row must not stop an administrator from saving new ones. */
async function storedRelaxedRoles(db: Db): Promise<string[]> {
  const row = await db
    .selectFrom('settings')
    .select('value')
    .where('key', '=', 'security')
    .executeTakeFirst();
  const relaxed = isPlainObject(row?.value) ? row.value.totpRelaxedRoles : undefined;
  return Array.isArray(relaxed) ? relaxed.filter((role): role is string => typeof role === 'string') : [];
}

export async function updateSettings(
  db: Db,
  actor: AuditActor,
  patch: unknown,
  now: Date,
): Promise<TSettings> {
  const parsed = ZSettingsPatch.safeParse(patch);
  if (!parsed.success) {
    throw new AppError('SETTINGS_INVALID', {
      details: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })),
    });
  }
  const security = parsed.data.security;
  if (security) security.totpRelaxedRoles = [...new Set(security.totpRelaxedRoles)].sort();
  const changes = Object.entries(parsed.data).filter(([, value]) => value !== undefined);
  const relaxedBefore = security ? await storedRelaxedRoles(db) : [];
  for (const [key, value] of changes) {
    await db
      .insertInto('settings')
      .values({ key, value: JSON.stringify(value), updated_at: now, updated_by: actor.id })
      .onConflict((oc) =>
        oc.column('key').doUpdateSet({ value: JSON.stringify(value), updated_at: now, updated_by: actor.id }),
      )
      .execute();
  }
  await recordAudit(
    db,
    { actor, action: 'settings.updated', details: { keys: changes.map(([key]) => key) } },
    now,
  );
  // Who lifted (or restored) the second factor for a role is worth its own entry, with both lists.
  if (security && [...relaxedBefore].sort().join() !== security.totpRelaxedRoles.join()) {
    await recordAudit(
      db,
      {
        actor,
        action: 'settings.totp_relaxed_roles_changed',
        details: { from: relaxedBefore, to: security.totpRelaxedRoles },
      },
      now,
    );
  }
  // A change made on this instance applies here at once (other instances see it within CACHE_MS).
  cache = undefined;
  return getSettings(db);
}

export function presentPublicSettings(settings: TSettings, now: Date): TPublicSettings {
  const status = openingStatus(settings.openingHours, now);
  return {
    helplineName: settings.helplineName,
    phoneNumbers: settings.phoneNumbers,
    openingHours: settings.openingHours,
    quickExitUrl: settings.quickExitUrl,
    confidentiality: settings.confidentiality,
    status: { open: status.open, nextChange: status.nextChange?.toISOString() ?? null },
  };
}
