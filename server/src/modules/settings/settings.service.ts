// Settings live in the database, one row per top-level key, seeded from content/settings.json on start.
// Reads validate against the shared schema so that a bad row can never reach a page.
import fs from 'node:fs';
import path from 'node:path';
import { type TPublicSettings, type TSettings, ZSettings, ZSettingsPatch } from '@abri/contracts';
import { z } from 'zod';
import { loadConfig } from '../../config.ts';
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
  defaultSettings = defaults;
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

/** A stored value that could not be used: the default stands in for it until an administrator saves. */
export interface SettingsWarning {
  /** The setting's path, `chat.visitorMessagesPerMinute`. */
  key: string;
  stored: unknown;
  usedDefault: unknown;
}

// The defaults (content/settings.json) every read falls back on, value by value: set when settings are
// seeded at start-up, loaded from the configured content folder otherwise.
let defaultSettings: TSettings | undefined;

function defaults(): TSettings {
  defaultSettings ??= loadDefaultSettings(loadConfig().contentDir);
  return defaultSettings;
}

/**
 * The stored value where the schema accepts it, else the default: field by field inside objects, so that
 * one value out of range (written by an older version, or by hand) costs only itself.
 */
function repair(
  schema: z.ZodType,
  stored: unknown,
  fallback: unknown,
  key: string,
  warnings: SettingsWarning[],
): unknown {
  const parsed = schema.safeParse(stored);
  if (parsed.success) return parsed.data;
  if (schema instanceof z.ZodObject && isPlainObject(stored) && isPlainObject(fallback)) {
    const inner: SettingsWarning[] = [];
    const fields = Object.entries(schema.shape as Record<string, z.ZodType>).map(([field, fieldSchema]) => [
      field,
      repair(fieldSchema, stored[field], fallback[field], `${key}.${field}`, inner),
    ]);
    const rebuilt = schema.safeParse(Object.fromEntries(fields));
    if (rebuilt.success) {
      warnings.push(...inner);
      return rebuilt.data;
    }
  }
  warnings.push({ key, stored: stored ?? null, usedDefault: fallback ?? null });
  return fallback;
}

/** The settings in force, and the stored values the defaults replaced (for the console's warning). */
export async function readSettings(db: Db): Promise<{ settings: TSettings; warnings: SettingsWarning[] }> {
  const rows = await db.selectFrom('settings').select(['key', 'value']).execute();
  const stored = new Map(rows.map((row) => [row.key, row.value as unknown]));
  const parsed = ZSettings.safeParse(
    Object.fromEntries(rows.filter((row) => row.key in ZSettings.shape).map((row) => [row.key, row.value])),
  );
  if (parsed.success) return { settings: parsed.data, warnings: [] };
  const fallback = defaults() as Record<string, unknown>;
  const warnings: SettingsWarning[] = [];
  const settings = Object.fromEntries(
    Object.entries(ZSettings.shape as Record<string, z.ZodType>).map(([key, schema]) => [
      key,
      repair(schema, stored.get(key), fallback[key], key, warnings),
    ]),
  ) as TSettings;
  return { settings, warnings };
}

/** Warned once per process and value, so that the log says it without repeating it on every message. */
const logged = new Set<string>();

export function logSettingsWarnings(
  logger: { warn(details: object, message: string): void },
  warnings: readonly SettingsWarning[],
): void {
  for (const warning of warnings) {
    const id = `${warning.key}=${JSON.stringify(warning.stored)}`;
    if (logged.has(id)) continue;
    logged.add(id);
    logger.warn(
      { setting: warning.key, stored: warning.stored, usedDefault: warning.usedDefault },
      'a stored setting is not valid: its default is used until an administrator saves the settings',
    );
  }
}

export async function getSettings(db: Db): Promise<TSettings> {
  return (await readSettings(db)).settings;
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
  const changes = Object.entries(parsed.data).filter(([, value]) => value !== undefined);
  // Administrators always need two-step verification, whatever the form says.
  const security = parsed.data.security;
  if (security && !security.totpRequiredRoles.includes('admin')) security.totpRequiredRoles.push('admin');
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
