// HTTP endpoints of the guidance: counsellors read protocols, how-tos and lists; administrators edit them.
import {
  PROTOCOL_TOPICS,
  TAXONOMY_NAMES,
  ZPlatformGuide,
  ZPlatformGuideUpdate,
  ZProtocol,
  ZProtocolSummary,
  ZProtocolUpdate,
  ZProtocolVersionInfo,
  ZTaxonomy,
  ZTaxonomyUpdate,
} from '@abri/contracts';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.ts';
import { authOf } from '../../http/guard.ts';
import { policies } from '../../http/policy.ts';
import { actorOf } from '../identity/index.ts';
import * as protocols from './protocols.service.ts';
import * as taxonomies from './taxonomies.service.ts';

const ZTopicParam = z.strictObject({
  topic: z.enum(PROTOCOL_TOPICS, { message: `one of ${PROTOCOL_TOPICS.join(', ')}` }),
});
const ZVersionParam = ZTopicParam.extend({ version: z.coerce.number().int().min(1).max(1_000_000) });
const ZNameParam = z.strictObject({
  name: z.enum(TAXONOMY_NAMES, { message: `one of ${TAXONOMY_NAMES.join(', ')}` }),
});

export function guidanceRoutes(fastify: FastifyInstance, context: AppContext): void {
  const app = fastify.withTypeProvider<ZodTypeProvider>();
  const tags = ['guidance'];
  const read = policies.canAny('helpline.answer', 'settings.manage');
  const manage = policies.can('settings.manage');
  const { db } = context;

  app.get(
    '/api/guidance/protocols',
    {
      schema: {
        tags,
        summary: 'The protocols, current versions',
        response: { 200: z.array(ZProtocolSummary) },
      },
      config: { policy: read },
    },
    () => protocols.listProtocols(db),
  );
  app.get(
    '/api/guidance/protocols/:topic',
    {
      schema: {
        tags,
        summary: 'A protocol, current version',
        params: ZTopicParam,
        response: { 200: ZProtocol },
      },
      config: { policy: read },
    },
    (request) => protocols.currentProtocol(db, request.params.topic),
  );
  app.get(
    '/api/guidance/protocols/:topic/versions',
    {
      schema: {
        tags,
        summary: "A protocol's versions, newest first",
        params: ZTopicParam,
        response: { 200: z.array(ZProtocolVersionInfo) },
      },
      config: { policy: read },
    },
    (request) => protocols.protocolHistory(db, request.params.topic),
  );
  app.get(
    '/api/guidance/protocols/:topic/versions/:version',
    {
      schema: {
        tags,
        summary: 'One version of a protocol',
        params: ZVersionParam,
        response: { 200: ZProtocol },
      },
      config: { policy: read },
    },
    (request) => protocols.protocolVersion(db, request.params.topic, request.params.version),
  );
  app.put(
    '/api/guidance/protocols/:topic',
    {
      schema: {
        tags,
        summary: 'Save a new version of a protocol',
        params: ZTopicParam,
        body: ZProtocolUpdate,
        response: { 200: ZProtocol },
      },
      config: { policy: manage },
    },
    (request) =>
      protocols.updateProtocol(db, actorOf(authOf(request).user), request.params.topic, request.body),
  );

  app.get(
    '/api/guidance/platforms',
    {
      schema: {
        tags,
        summary: 'Platform how-tos (block, privacy, report)',
        response: { 200: ZPlatformGuide },
      },
      config: { policy: read },
    },
    () => protocols.currentPlatformGuide(db),
  );
  app.put(
    '/api/guidance/platforms',
    {
      schema: {
        tags,
        summary: 'Save a new version of the platform how-tos',
        body: ZPlatformGuideUpdate,
        response: { 200: ZPlatformGuide },
      },
      config: { policy: manage },
    },
    (request) => protocols.updatePlatformGuide(db, actorOf(authOf(request).user), request.body),
  );

  app.get(
    '/api/guidance/taxonomies',
    {
      schema: { tags, summary: 'The lists contact records use', response: { 200: z.array(ZTaxonomy) } },
      config: { policy: policies.staff() },
    },
    () => taxonomies.currentTaxonomies(db),
  );
  app.put(
    '/api/guidance/taxonomies/:name',
    {
      schema: {
        tags,
        summary: 'Save a new version of a list (codes can be retired, not removed)',
        params: ZNameParam,
        body: ZTaxonomyUpdate,
        response: { 200: ZTaxonomy },
      },
      config: { policy: manage },
    },
    (request) =>
      taxonomies.updateTaxonomy(db, actorOf(authOf(request).user), request.params.name, request.body),
  );
}
