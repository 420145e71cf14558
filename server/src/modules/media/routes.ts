// HTTP endpoints of the hash banks: list (with this instance's index status), create, edit, delete, import
// a file (streamed: CSV or text, malformed lines skipped or the whole file refused), export as CSV.
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import {
  ZBank,
  ZBankDetail,
  ZBankImportQuery,
  ZBankImportResult,
  ZBankIndexStatus,
  ZBankInput,
  ZBankList,
  ZBankUpdate,
} from '@abri/contracts';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { authOf } from '../../http/guard.ts';
import { policies } from '../../http/policy.ts';
import { AppError } from '../../infra/errors.ts';
import * as banks from './banks.service.ts';
import type { MediaService } from './matching.ts';

/** A bank file of ten million PDQ hashes with labels is about 1 GB; larger lists are split. */
export const BANK_IMPORT_MAX_BYTES = 1024 * 1024 * 1024;

const ZId = z.strictObject({ id: z.uuid('not a valid id') });
const IMPORT_TYPES = ['text/plain', 'text/csv', 'application/octet-stream'];

function actorOf(request: FastifyRequest) {
  const { user } = authOf(request);
  return { id: user.id, name: user.username };
}

/**
 * The body's lines as they arrive, refusing a body over the limit (the import's transaction then rolls
 * back). The stream stays paused until the import reads it, so no line is lost while the transaction opens.
 */
async function* bodyLines(request: FastifyRequest, limit: number): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let seen = 0;
  let rest = '';
  for await (const chunk of request.body as AsyncIterable<Buffer>) {
    seen += chunk.length;
    if (seen > limit)
      throw new AppError('REQUEST_TOO_LARGE', { userMessage: 'This file is larger than 1 GB: split it.' });
    rest += decoder.write(chunk);
    const lines = rest.split('\n');
    rest = lines.pop()!;
    for (const line of lines) yield line.endsWith('\r') ? line.slice(0, -1) : line;
  }
  rest += decoder.end();
  if (rest !== '') yield rest.endsWith('\r') ? rest.slice(0, -1) : rest;
}

export function bankRoutes(fastify: FastifyInstance, context: AppContext, media: () => MediaService): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const { db, clock } = context;
  const manage = policies.can('banks.manage');
  // Analysts see the banks (to add a confirmed picture to one); administrators manage them.
  const read = policies.canAny('banks.manage', 'hotline.analyse');
  const tags = ['hash banks'];

  app.get(
    '/api/hash-banks',
    {
      schema: { tags, summary: 'The hash banks and this instance’s index', response: { 200: ZBankList } },
      config: { policy: read },
    },
    async () => ({ banks: await banks.listBanks(db), index: media().index.status() }),
  );
  app.get(
    '/api/hash-banks/index',
    {
      schema: { tags, summary: 'This instance’s copy of the PDQ index', response: { 200: ZBankIndexStatus } },
      config: { policy: read },
    },
    async () => {
      await media().index.refresh();
      return media().index.status();
    },
  );
  app.post(
    '/api/hash-banks',
    {
      schema: { tags, summary: 'Create a bank', body: ZBankInput, response: { 201: ZBank } },
      config: { policy: manage },
    },
    async (request, reply) => {
      const bank = await banks.createBank(db, actorOf(request), request.body, clock.now());
      await media().banksChanged();
      return reply.code(201).send(bank);
    },
  );
  app.get(
    '/api/hash-banks/:id',
    {
      schema: { tags, summary: 'One bank and its imports', params: ZId, response: { 200: ZBankDetail } },
      config: { policy: read },
    },
    (request) => banks.bankDetail(db, request.params.id),
  );
  app.patch(
    '/api/hash-banks/:id',
    {
      schema: { tags, summary: 'Edit a bank', params: ZId, body: ZBankUpdate, response: { 200: ZBank } },
      config: { policy: manage },
    },
    async (request) => {
      const bank = await banks.updateBank(db, actorOf(request), request.params.id, request.body, clock.now());
      await media().banksChanged();
      return bank;
    },
  );
  app.delete(
    '/api/hash-banks/:id',
    {
      schema: { tags, summary: 'Delete a bank and its hashes', params: ZId, response: { 204: z.null() } },
      config: { policy: manage },
    },
    async (request, reply) => {
      await banks.deleteBank(db, actorOf(request), request.params.id, clock.now());
      await media().banksChanged();
      return reply.code(204).send(null);
    },
  );
  app.get(
    '/api/hash-banks/:id/export.csv',
    {
      schema: { tags, summary: 'The bank’s hashes as CSV (audited)', params: ZId, produces: ['text/csv'] },
      config: { policy: manage },
    },
    async (request, reply) => {
      const name = await banks.recordExport(db, actorOf(request), request.params.id, clock.now());
      return reply
        .header('content-type', 'text/csv; charset=utf-8')
        .header('content-disposition', `attachment; filename="${name}.csv"`)
        .header('cache-control', 'no-store')
        .send(Readable.from(banks.exportBank(db, request.params.id)));
    },
  );

  // The import takes the file itself as the body, streamed: only this route accepts these types.
  app.register(async (scope) => {
    scope.addContentTypeParser(IMPORT_TYPES, (_request, payload, done) => done(null, payload));
    scope.withTypeProvider<ZodTypeProvider>().post(
      '/api/hash-banks/:id/import',
      {
        bodyLimit: BANK_IMPORT_MAX_BYTES,
        schema: {
          tags,
          summary: 'Import a CSV or text file of hashes (the body is the file)',
          params: ZId,
          querystring: ZBankImportQuery,
          consumes: IMPORT_TYPES,
          response: { 200: ZBankImportResult, 422: ZBankImportResult },
        },
        config: { policy: manage },
      },
      async (request, reply) => {
        if (!request.body) throw new AppError('BANK_IMPORT_EMPTY');
        const result = await banks.importBankFile(
          db,
          actorOf(request),
          request.params.id,
          bodyLines(request, BANK_IMPORT_MAX_BYTES),
          request.query,
          clock.now(),
        );
        if (result.applied && result.added > 0) await media().banksChanged();
        return reply.code(result.applied ? 200 : 422).send(result);
      },
    );
  });
}
