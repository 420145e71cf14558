// Audit owns the append-only, keyed chain of security events and staff reads of personal records (tables
// audit_events, audit_head) and its anchors outside the database. Every module records through
// recordAudit / recordRead with the handle it holds; buildApp binds context.db to the trail (trail.ts).
import type { AppModule } from '../../context.ts';
import { auditRoutes } from './routes.ts';

export { stateFileOf } from './anchors.ts';
export {
  recordAudit,
  recordRead,
  type VerifyOptions,
  type VerifyResult,
  verifyAuditChain,
} from './audit.service.ts';
export { canonicalJson } from './chain.ts';
export { type AuditAction, type AuditActor, type AuditEntry, systemActor } from './events.ts';
export { AuditTrail, trailOf, withAuditTrail } from './trail.ts';

export const auditModule: AppModule = {
  name: 'audit',
  routes: auditRoutes,
  // Anchors the head at start and every minute when it moved; the last anchor is written when the app
  // closes (app.ts, once the jobs have stopped and before the database closes).
  onStart: (context) => context.audit.start(context.db),
};
