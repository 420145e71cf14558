// The OpenAPI 3 document, generated from the same zod schemas that validate requests, and a plain,
// readable reference page built from it on the server (no third-party viewer, nothing from elsewhere).
import swagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { policies } from './policy.ts';

export async function registerOpenApi(app: FastifyInstance): Promise<void> {
  await app.register(swagger, {
    openapi: {
      openapi: '3.0.3',
      info: {
        title: 'Abri API',
        version: '0.1.0',
        description:
          'HTTP API of Abri. Staff endpoints need a session cookie (POST /api/auth/login) and, for every ' +
          'state-changing request, the x-csrf-token header from the session. Errors: { error: { code, message, details } }, codes in docs/errors.md.',
      },
      components: {
        securitySchemes: {
          session: { type: 'apiKey', in: 'cookie', name: 'abri_session' },
          csrf: { type: 'apiKey', in: 'header', name: 'x-csrf-token' },
        },
      },
    },
    transform: jsonSchemaTransform,
  });

  app.get('/api/openapi.json', { schema: { hide: true }, config: { policy: policies.public() } }, async () =>
    app.swagger(),
  );

  app.get(
    '/api/docs',
    { schema: { hide: true }, config: { policy: policies.public() } },
    async (_request, reply) => {
      reply.type('text/html; charset=utf-8').send(renderReference(app.swagger() as OpenApiDocument));
    },
  );

  app.get(
    '/api/docs.css',
    { schema: { hide: true }, config: { policy: policies.public() } },
    async (_request, reply) => {
      reply
        .type('text/css; charset=utf-8')
        .header('cache-control', 'public, max-age=3600')
        .send(REFERENCE_CSS);
    },
  );
}

interface OpenApiOperation {
  summary?: string;
  tags?: string[];
  parameters?: Array<{ name: string; in: string; required?: boolean }>;
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { content?: Record<string, { schema?: unknown }> }>;
}
interface OpenApiDocument {
  info: { title: string; version: string; description?: string };
  paths: Record<string, Record<string, OpenApiOperation>>;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function renderReference(doc: OpenApiDocument): string {
  const sections = Object.entries(doc.paths)
    .flatMap(([route, methods]) =>
      Object.entries(methods).map(([method, op]) => {
        const params = (op.parameters ?? [])
          .map((p) => `${p.name} (${p.in}${p.required ? ', required' : ''})`)
          .join(', ');
        const body = op.requestBody?.content?.['application/json']?.schema;
        const responses = Object.entries(op.responses ?? {})
          .map(([status, r]) => {
            const schema = r.content?.['application/json']?.schema;
            return `<li><strong>${escapeHtml(status)}</strong>${schema ? `<pre>${escapeHtml(JSON.stringify(schema, null, 2))}</pre>` : ''}</li>`;
          })
          .join('');
        return `<section><h2><span class="m ${escapeHtml(method)}">${escapeHtml(method.toUpperCase())}</span> <code>${escapeHtml(route)}</code></h2>
<p>${escapeHtml(op.summary ?? '')}${op.tags?.length ? ` <em>(${escapeHtml(op.tags.join(', '))})</em>` : ''}</p>
${params ? `<p>Parameters: ${escapeHtml(params)}</p>` : ''}
${body ? `<details><summary>Request body</summary><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre></details>` : ''}
${responses ? `<details><summary>Responses</summary><ul>${responses}</ul></details>` : ''}</section>`;
      }),
    )
    .join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(doc.info.title)} reference</title><link rel="stylesheet" href="/api/docs.css"></head>
<body><main><h1>${escapeHtml(doc.info.title)} ${escapeHtml(doc.info.version)}</h1><p>${escapeHtml(doc.info.description ?? '')}</p>
<p><a href="/api/openapi.json">OpenAPI document (JSON)</a></p>${sections}</main></body></html>`;
}

const REFERENCE_CSS = `body{font-family:system-ui,sans-serif;margin:0;color:#1d2433;background:#f7f8fa}
main{max-width:60rem;margin:0 auto;padding:1rem}section{background:#fff;border:1px solid #d9dde5;border-radius:8px;padding:.5rem 1rem;margin:1rem 0}
h2{font-size:1.05rem}pre{overflow:auto;background:#f1f3f7;padding:.5rem;font-size:.8rem}
.m{display:inline-block;min-width:4rem;padding:.1rem .4rem;border-radius:4px;color:#fff;background:#3b5bdb;font-size:.8rem;text-align:center}
.m.post{background:#2b8a3e}.m.put,.m.patch{background:#a35200}.m.delete{background:#c92a2a}`;
