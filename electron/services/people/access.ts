/**
 * The door's check of who acts: the person is recorded the first time they
 * act, the first person of a new ledger becomes its administrator (with
 * every role, so one person alone can work), and a call needs the role
 * `permissions.ts` names for it.
 */
import type { ApiName } from '../../../shared/api';
import { KontorError } from '../../../shared/errors';
import { appendAudit } from '../../ledger/repos/audit-log';
import * as people from '../../ledger/repos/people';
import type { ServiceContext } from '../context';
import { allows, requirementOf } from './permissions';

/** Records the person and, on a ledger nobody holds a role in yet, makes them its administrator. */
export function enrol(ctx: ServiceContext): people.PersonRole[] {
  const who = ctx.actor();
  const known = people.getPerson(ctx.db, who);
  if (known && known.roles.length > 0) return known.roles;
  ctx.db
    .transaction(() => {
      const at = ctx.now();
      people.registerPerson(ctx.db, who, at);
      if (people.anyRoleGranted(ctx.db)) return;
      for (const role of people.ROLES) people.grantRole(ctx.db, who, role, who, at);
      appendAudit(ctx.db, at, { actor: who, action: 'users.firstAdministrator', subjectType: 'person', subjectId: who, details: { roles: people.ROLES } });
    })
    .immediate();
  return people.rolesOf(ctx.db, who);
}

export function checkAllowed(ctx: ServiceContext, name: ApiName): void {
  const need = requirementOf(name);
  if (need === 'none') return;
  const roles = enrol(ctx);
  if (allows(roles, need)) return;
  const who = ctx.actor();
  if (roles.length === 0) {
    throw new KontorError('role.none', `${who} holds no role in this ledger yet. Ask an administrator to grant you one.`, { user: who });
  }
  throw new KontorError('role.missing', `This needs the ${need === 'read' ? 'viewer' : need} role, which ${who} does not hold. Ask an administrator.`, {
    user: who,
    role: need === 'read' ? 'viewer' : need,
  });
}

/**
 * Input keys that would name who acts. Who acts comes from the host, so an
 * input carrying one is refused rather than silently ignored: a client that
 * sends it is either broken or forging. `user` is allowed where it names the
 * subject of the call (whose roles change, whose actions to list).
 */
const ACTOR_KEYS = new Set(['actor', 'user', 'username', 'userName', 'identity', 'preparedBy', 'approvedBy', 'builtBy', 'createdBy', 'osAccount', 'role']);
const SUBJECT_USER: ReadonlySet<string> = new Set(['users.grant', 'users.revoke', 'audit.list', 'audit.exportCsv', 'audit.exportPdf']);

export function actorKeyIn(name: string, input: unknown, depth = 0): string | null {
  if (depth > 6 || input === null || typeof input !== 'object') return null;
  const top = depth === 0 && SUBJECT_USER.has(name);
  for (const [key, value] of Object.entries(input)) {
    if (ACTOR_KEYS.has(key) && !(top && (key === 'user' || key === 'role'))) return key;
    const inner = actorKeyIn(name, value, depth + 1);
    if (inner) return inner;
  }
  return null;
}
