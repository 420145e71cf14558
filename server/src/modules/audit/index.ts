// Audit owns the append-only, hash-chained trail of security events and staff reads of personal records
// (tables audit_events, audit_head). Every module records through recordAudit / recordRead.
import type { AppModule } from '../../context.ts';
import { auditRoutes } from './routes.ts';

export {
  canonicalJson,
  recordAudit,
  recordRead,
  type VerifyResult,
  verifyAuditChain,
} from './audit.service.ts';
export { type AuditAction, type AuditActor, type AuditEntry, systemActor } from './events.ts';

export const auditModule: AppModule = { name: 'audit', routes: auditRoutes };
