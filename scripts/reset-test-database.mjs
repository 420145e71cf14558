// Drops and recreates the PostgreSQL database the tests share (DATABASE_URL's), so that a CI run starts from
// an empty schema whatever earlier runs or development branches left in it (a migration recorded there that
// this checkout does not have would stop every test).
import pg from 'pg';

const url = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test');
const name = url.pathname.slice(1);
if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unexpected database name: ${name}`);
url.pathname = '/postgres';
const admin = new pg.Client({ connectionString: url.toString() });
await admin.connect();
try {
  await admin.query(`drop database if exists ${name} with (force)`);
  await admin.query(`create database ${name}`);
  console.log(`database ${name} recreated`);
} finally {
  await admin.end();
}
