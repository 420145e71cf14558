#!/usr/bin/env node
// The `abri` command. The server runs from its TypeScript sources through tsx's loader (no separate
// build step for the server; the web client is built by `npm start` / `npm run build:web`).
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../server/src/main.ts');
process.exitCode = await main(process.argv.slice(2));
