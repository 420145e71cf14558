// Serves the built web client (web/dist): hashed assets with long caching, and index.html for every other
// page path so that the client-side router can take over. /api paths never fall through to the page.
import fs from 'node:fs';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../context.ts';
import { AppError } from '../infra/errors.ts';
import { policies } from './policy.ts';

export async function registerWebAssets(app: FastifyInstance, context: AppContext): Promise<void> {
  const root = context.config.webDistDir;
  const built = fs.existsSync(path.join(root, 'index.html'));
  await app.register(fastifyStatic, { root: built ? root : path.resolve('.'), serve: false });

  app.get('/*', { schema: { hide: true }, config: { policy: policies.public() } }, async (request, reply) => {
    const urlPath = decodeURIComponent(request.url.split('?')[0] ?? '/');
    if (urlPath.startsWith('/api/') || urlPath === '/api') throw new AppError('REQUEST_NOT_FOUND');
    if (!built) {
      return reply
        .code(503)
        .type('text/plain; charset=utf-8')
        .send('The web client is not built yet: run `npm run build:web` (npm start does it for you).');
    }
    const relative = path.normalize(urlPath).replace(/^([/\\])+/, '');
    const file = path.join(root, relative);
    if (relative && file.startsWith(root + path.sep) && fs.existsSync(file) && fs.statSync(file).isFile()) {
      const immutable = relative.startsWith('assets/');
      return reply.sendFile(relative, {
        cacheControl: true,
        maxAge: immutable ? 31_536_000_000 : 0,
        immutable,
      });
    }
    // A missing asset is a 404; any other path is a page of the single-page client.
    if (relative.startsWith('assets/') || path.extname(relative)) throw new AppError('REQUEST_NOT_FOUND');
    reply.header('cache-control', 'no-cache');
    return reply.sendFile('index.html', { cacheControl: false });
  });
}
