import type { TRole, TSessionStage } from '@abri/contracts';
import type { ColumnType, Generated, Selectable } from 'kysely';

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  /** The name children see in the chat instead of display_name; null: a neutral label. */
  alias: ColumnType<string | null, string | null | undefined, string | null>;
  email: string | null;
  /** A team name: with settings.records.teamCaseVisibility, teammates see each other's cases. */
  team: ColumnType<string | null, string | null | undefined, string | null>;
  password_hash: string;
  must_change_password: ColumnType<boolean, boolean | undefined, boolean>;
  roles: ColumnType<TRole[], TRole[], TRole[]>;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  totp_last_step: number | null;
  failed_logins: ColumnType<number, number | undefined, number>;
  locked_until: Date | null;
  disabled_at: Date | null;
  last_login_at: Date | null;
  password_changed_at: ColumnType<Date, Date | undefined, Date>;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, Date | undefined, Date>;
}
export type UserRow = Selectable<UsersTable>;

export interface RecoveryCodesTable {
  user_id: string;
  code_hash: string;
  used_at: Date | null;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  stage: TSessionStage;
  csrf_token: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  last_seen_at: Date;
  expires_at: Date;
  user_agent: string | null;
}
export type SessionRow = Selectable<SessionsTable>;

export interface PasswordResetsTable {
  token_hash: string;
  user_id: string;
  created_by: string | null;
  created_at: ColumnType<Date, Date | undefined, never>;
  expires_at: Date;
  used_at: Date | null;
}

export interface IdentityTables {
  users: UsersTable;
  recovery_codes: RecoveryCodesTable;
  sessions: SessionsTable;
  password_resets: PasswordResetsTable;
}
