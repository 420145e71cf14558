// Who may call what: for every route the app registers (those of the OpenAPI document and the hidden ones)
// and every identity, the expected outcome of a valid request on real objects. Read by
// server/src/http/route-matrix.test.ts, which fails when a route has no row here.
//
//   allow   the request gets past authorisation (not 401, 403 or 404)
//   deny    401 (no session) or 403 (the role, or a login not finished)
//   hidden  404: someone else's object answers as if it did not exist
//   409     the object is someone else's and the answer says so (a hotline item another analyst holds)
//
// The objects belong to `counsellor` and `analyst`; `other-counsellor` and `other-analyst` hold the same
// role. `unfinished` has a session that must change its password before anything else.
import { IDENTITIES, type Identity } from './world.ts';

export type Outcome = 'allow' | 'deny' | 'hidden' | number;

const TABLE = `
route                                              anonymous unfinished counsellor other-counsellor supervisor analyst other-analyst admin

# Health, documentation and public pages
GET    /healthz                                    allow     allow      allow      allow            allow      allow   allow         allow
GET    /readyz                                     allow     allow      allow      allow            allow      allow   allow         allow
GET    /api/openapi.json                           allow     allow      allow      allow            allow      allow   allow         allow
GET    /api/docs                                   allow     allow      allow      allow            allow      allow   allow         allow
GET    /api/docs.css                               allow     allow      allow      allow            allow      allow   allow         allow
# The pages' catch-all, probed with an unknown API path (the pages themselves need the web client built)
GET    /*                                          404       404        404        404              404        404     404           404
GET    /api/public/settings                        allow     allow      allow      allow            allow      allow   allow         allow

# Logging in and one's own account
POST   /api/auth/login                             allow     allow      allow      allow            allow      allow   allow         allow
POST   /api/auth/reset                             allow     allow      allow      allow            allow      allow   allow         allow
GET    /api/auth/session                           deny      allow      allow      allow            allow      allow   allow         allow
POST   /api/auth/logout                            deny      allow      allow      allow            allow      allow   allow         allow
POST   /api/auth/totp/verify                       deny      deny       deny       deny             deny       deny    deny          deny
POST   /api/auth/password                          deny      allow      allow      allow            allow      allow   allow         allow
POST   /api/auth/totp/setup                        deny      deny       allow      allow            allow      allow   allow         allow
POST   /api/auth/totp/enable                       deny      deny       allow      allow            allow      allow   allow         allow
# Nobody can turn two-step verification off while their role requires it (every role, by default)
POST   /api/auth/totp/disable                      deny      deny       deny       deny             deny       deny    deny          deny
POST   /api/auth/recovery-codes                    deny      deny       allow      allow            allow      allow   allow         allow
GET    /api/auth/sessions                          deny      deny       allow      allow            allow      allow   allow         allow
POST   /api/auth/logout-everywhere                 deny      deny       allow      allow            allow      allow   allow         allow
PATCH  /api/auth/account                           deny      deny       allow      allow            allow      allow   allow         allow

# Administration
GET    /api/admin/settings                         deny      deny       deny       deny             deny       deny    deny          allow
PUT    /api/admin/settings                         deny      deny       deny       deny             deny       deny    deny          allow
GET    /api/admin/audit                            deny      deny       deny       deny             deny       deny    deny          allow
GET    /api/admin/audit/verify                     deny      deny       deny       deny             deny       deny    deny          allow
GET    /api/admin/audit/export.csv                 deny      deny       deny       deny             deny       deny    deny          allow
GET    /api/admin/users                            deny      deny       deny       deny             deny       deny    deny          allow
POST   /api/admin/users                            deny      deny       deny       deny             deny       deny    deny          allow
PATCH  /api/admin/users/{id}                       deny      deny       deny       deny             deny       deny    deny          allow
POST   /api/admin/users/{id}/unlock                deny      deny       deny       deny             deny       deny    deny          allow
POST   /api/admin/users/{id}/reset-totp            deny      deny       deny       deny             deny       deny    deny          allow
POST   /api/admin/users/{id}/reset-link            deny      deny       deny       deny             deny       deny    deny          allow
GET    /api/admin/outbox                           deny      deny       deny       deny             deny       deny    deny          allow
GET    /api/admin/outbox/{id}                      deny      deny       deny       deny             deny       deny    deny          allow
POST   /api/admin/outbox/{id}/retry                deny      deny       deny       deny             deny       deny    deny          allow
POST   /api/admin/canned-responses                 deny      deny       deny       deny             deny       deny    deny          allow
PUT    /api/admin/canned-responses/{id}            deny      deny       deny       deny             deny       deny    deny          allow
DELETE /api/admin/canned-responses/{id}            deny      deny       deny       deny             deny       deny    deny          allow

# Chat: the visitor's side
POST   /api/chat/conversations                     allow     allow      allow      allow            allow      allow   allow         allow
POST   /api/chat/resume                            allow     allow      allow      allow            allow      allow   allow         allow
POST   /api/chat/survey                            allow     allow      allow      allow            allow      allow   allow         allow
GET    /api/chat/visitor/socket                    allow     allow      allow      allow            allow      allow   allow         allow

# Chat: the staff's side (the conversation is the counsellor's)
GET    /api/chat/staff/socket                      deny      deny       allow      allow            allow      deny    deny          deny
GET    /api/chat/me                                deny      deny       allow      allow            allow      deny    deny          deny
POST   /api/chat/presence                          deny      deny       allow      allow            allow      deny    deny          deny
GET    /api/chat/queue                             deny      deny       allow      allow            allow      deny    deny          deny
GET    /api/chat/counsellors                       deny      deny       allow      allow            allow      deny    deny          deny
GET    /api/chat/canned-responses                  deny      deny       allow      allow            allow      deny    deny          allow
GET    /api/chat/board                             deny      deny       deny       deny             allow      deny    deny          deny
GET    /api/chat/conversations/{id}                deny      deny       allow      hidden           allow      deny    deny          deny
POST   /api/chat/conversations/{id}/pick           deny      deny       allow      allow            allow      deny    deny          deny
POST   /api/chat/conversations/{id}/transfer       deny      deny       allow      deny             allow      deny    deny          deny
POST   /api/chat/conversations/{id}/end            deny      deny       allow      deny             allow      deny    deny          deny
POST   /api/chat/conversations/{id}/take-over      deny      deny       deny       deny             allow      deny    deny          deny
POST   /api/chat/conversations/{id}/block          deny      deny       deny       deny             allow      deny    deny          deny
GET    /api/chat/conversations/{id}/contact        deny      deny       allow      hidden           allow      deny    deny          deny

# Contact records, cases and escalations (the counsellor's)
POST   /api/contacts                               deny      deny       allow      allow            allow      deny    deny          deny
GET    /api/contacts                               deny      deny       allow      allow            allow      deny    deny          deny
GET    /api/contacts/{id}                          deny      deny       allow      hidden           allow      deny    deny          deny
PATCH  /api/contacts/{id}                          deny      deny       allow      hidden           allow      deny    deny          deny
GET    /api/cases                                  deny      deny       allow      allow            allow      deny    deny          deny
POST   /api/cases                                  deny      deny       allow      allow            allow      deny    deny          deny
GET    /api/cases/assignees                        deny      deny       allow      allow            allow      deny    deny          deny
GET    /api/cases/{id}                             deny      deny       allow      hidden           allow      deny    deny          deny
PATCH  /api/cases/{id}                             deny      deny       allow      hidden           allow      deny    deny          deny
POST   /api/cases/{id}/notes                       deny      deny       allow      hidden           allow      deny    deny          deny
POST   /api/cases/{id}/contacts                    deny      deny       allow      hidden           allow      deny    deny          deny
POST   /api/cases/{id}/documents                   deny      deny       allow      hidden           allow      deny    deny          deny
GET    /api/cases/{id}/documents/{documentId}      deny      deny       allow      hidden           allow      deny    deny          deny
GET    /api/cases/{id}/pdf                         deny      deny       allow      hidden           allow      deny    deny          deny
GET    /api/partners                               deny      deny       allow      allow            allow      deny    deny          allow
POST   /api/partners                               deny      deny       deny       deny             deny       deny    deny          allow
PUT    /api/partners/{id}                          deny      deny       deny       deny             deny       deny    deny          allow
GET    /api/escalations                            deny      deny       allow      allow            allow      deny    deny          deny
# The escalation starts from the counsellor's contact
POST   /api/escalations                            deny      deny       allow      hidden           allow      deny    deny          deny
GET    /api/escalations/{id}                       deny      deny       allow      hidden           allow      deny    deny          deny
PATCH  /api/escalations/{id}                       deny      deny       allow      hidden           allow      deny    deny          deny
POST   /api/escalations/{id}/submit                deny      deny       allow      hidden           allow      deny    deny          deny
POST   /api/escalations/{id}/approve               deny      deny       deny       deny             allow      deny    deny          deny
POST   /api/escalations/{id}/reject                deny      deny       deny       deny             allow      deny    deny          deny
POST   /api/escalations/{id}/send                  deny      deny       allow      hidden           allow      deny    deny          deny
POST   /api/escalations/{id}/acknowledge           deny      deny       allow      hidden           allow      deny    deny          deny
POST   /api/escalations/{id}/close                 deny      deny       allow      hidden           allow      deny    deny          deny
GET    /api/escalations/{id}/pdf                   deny      deny       allow      hidden           allow      deny    deny          deny

# Guidance
GET    /api/guidance/protocols                     deny      deny       allow      allow            allow      deny    deny          allow
GET    /api/guidance/protocols/{topic}             deny      deny       allow      allow            allow      deny    deny          allow
PUT    /api/guidance/protocols/{topic}             deny      deny       deny       deny             deny       deny    deny          allow
GET    /api/guidance/protocols/{topic}/versions    deny      deny       allow      allow            allow      deny    deny          allow
GET    /api/guidance/protocols/{topic}/versions/{version} deny deny     allow      allow            allow      deny    deny          allow
GET    /api/guidance/platforms                     deny      deny       allow      allow            allow      deny    deny          allow
PUT    /api/guidance/platforms                     deny      deny       deny       deny             deny       deny    deny          allow
GET    /api/guidance/taxonomies                    deny      deny       allow      allow            allow      allow   allow         allow
PUT    /api/guidance/taxonomies/{name}             deny      deny       deny       deny             deny       deny    deny          allow

# Hash banks
GET    /api/hash-banks                             deny      deny       deny       deny             deny       allow   allow         allow
GET    /api/hash-banks/index                       deny      deny       deny       deny             deny       allow   allow         allow
POST   /api/hash-banks                             deny      deny       deny       deny             deny       deny    deny          allow
GET    /api/hash-banks/{id}                        deny      deny       deny       deny             deny       allow   allow         allow
PATCH  /api/hash-banks/{id}                        deny      deny       deny       deny             deny       deny    deny          allow
DELETE /api/hash-banks/{id}                        deny      deny       deny       deny             deny       deny    deny          allow
GET    /api/hash-banks/{id}/export.csv             deny      deny       deny       deny             deny       deny    deny          allow
POST   /api/hash-banks/{id}/import                 deny      deny       deny       deny             deny       deny    deny          allow

# Hotline: the reporter's side
POST   /api/hotline/reports                        allow     allow      allow      allow            allow      allow   allow         allow
GET    /api/hotline/reports/status                 allow     allow      allow      allow            allow      allow   allow         allow
GET    /signaler/simple                            allow     allow      allow      allow            allow      allow   allow         allow
POST   /signaler/simple                            allow     allow      allow      allow            allow      allow   allow         allow
GET    /signaler/simple.css                        allow     allow      allow      allow            allow      allow   allow         allow
GET    /signaler/suivi                             allow     allow      allow      allow            allow      allow   allow         allow

# Hotline: the analysts' side (the item is the analyst's)
GET    /api/hotline/items                          deny      deny       deny       deny             deny       allow   allow         deny
GET    /api/hotline/hosts                          deny      deny       deny       deny             deny       allow   allow         deny
GET    /api/hotline/stats                          deny      deny       deny       deny             deny       allow   allow         deny
GET    /api/hotline/export.json                    deny      deny       deny       deny             deny       allow   allow         deny
GET    /api/hotline/exposure                       deny      deny       deny       deny             deny       allow   allow         deny
GET    /api/hotline/offences                       deny      deny       deny       deny             deny       allow   allow         deny
GET    /api/hotline/items/{id}                     deny      deny       deny       deny             deny       allow   allow         deny
POST   /api/hotline/items/{id}/claim               deny      deny       deny       deny             deny       allow   allow         deny
POST   /api/hotline/items/{id}/release             deny      deny       deny       deny             deny       allow   409           deny
# Looking the hosting up again is information, not a step of the item's handling: any analyst
POST   /api/hotline/items/{id}/hosting             deny      deny       deny       deny             deny       allow   allow         deny
POST   /api/hotline/items/{id}/referral            deny      deny       deny       deny             deny       allow   409           deny
POST   /api/hotline/items/{id}/transfer            deny      deny       deny       deny             deny       allow   409           deny
POST   /api/hotline/items/{id}/notice              deny      deny       deny       deny             deny       allow   409           deny
POST   /api/hotline/items/{id}/close               deny      deny       deny       deny             deny       allow   409           deny
POST   /api/hotline/items/{id}/reopen              deny      deny       deny       deny             deny       allow   409           deny
POST   /api/hotline/items/{id}/removed             deny      deny       deny       deny             deny       allow   409           deny
PUT    /api/hotline/items/{id}/assessment          deny      deny       deny       deny             deny       allow   409           deny
POST   /api/hotline/items/{id}/bank                deny      deny       deny       deny             deny       allow   409           deny
POST   /api/hotline/items/{id}/feedback            deny      deny       deny       deny             deny       allow   409           deny
POST   /api/hotline/items/{id}/check               deny      deny       deny       deny             deny       allow   409           deny
GET    /api/hotline/items/{id}/notice/preview      deny      deny       deny       deny             deny       allow   allow         deny
GET    /api/hotline/items/{id}/pharos.json         deny      deny       deny       deny             deny       allow   allow         deny
GET    /api/hotline/items/{id}/pharos.pdf          deny      deny       deny       deny             deny       allow   allow         deny
GET    /api/hotline/items/{id}/export.json         deny      deny       deny       deny             deny       allow   allow         deny
GET    /api/hotline/files/{id}/preview             deny      deny       deny       deny             deny       allow   allow         deny
GET    /api/hotline/files/{id}/reveal              deny      deny       deny       deny             deny       allow   allow         deny
GET    /api/hotline/hotlines                       deny      deny       deny       deny             deny       allow   allow         allow
PUT    /api/hotline/hotlines/{code}                deny      deny       deny       deny             deny       deny    deny          allow
GET    /api/hotline/ip-ranges                      deny      deny       deny       deny             deny       allow   allow         allow
PUT    /api/hotline/ip-ranges                      deny      deny       deny       deny             deny       deny    deny          allow
`;

function parseOutcome(cell: string, where: string): Outcome {
  if (cell === 'allow' || cell === 'deny' || cell === 'hidden') return cell;
  if (/^[1-5]\d\d$/.test(cell)) return Number(cell);
  throw new Error(`route matrix: unknown outcome "${cell}" (${where})`);
}

function parse(table: string): Map<string, Record<Identity, Outcome>> {
  const rows = new Map<string, Record<Identity, Outcome>>();
  const lines = table.split('\n').filter((line) => line.trim() && !line.trim().startsWith('#'));
  const header = lines.shift()!.trim().split(/\s+/).slice(1);
  if (header.join(' ') !== IDENTITIES.join(' '))
    throw new Error(`route matrix: the columns must be ${IDENTITIES.join(' ')}`);
  for (const line of lines) {
    const [method, path, ...cells] = line.trim().split(/\s+/);
    const key = `${method} ${path}`;
    if (cells.length !== IDENTITIES.length) throw new Error(`route matrix: ${key} has ${cells.length} cells`);
    if (rows.has(key)) throw new Error(`route matrix: ${key} twice`);
    rows.set(
      key,
      Object.fromEntries(IDENTITIES.map((identity, i) => [identity, parseOutcome(cells[i]!, key)])) as Record<
        Identity,
        Outcome
      >,
    );
  }
  return rows;
}

/** `METHOD /path` (the document's way of writing paths) → the outcome for each identity. */
export const ROUTE_MATRIX = parse(TABLE);
