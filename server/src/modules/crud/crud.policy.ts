import type { Actor } from '../../platform/auth/actor.ts';
import { projectAccess, type ProjectAccess } from '../../platform/auth/permissions.ts';
import type { Executor } from '../../platform/db/database.ts';
import { errors } from '../../platform/errors/index.ts';
import type { RawBuilder } from 'kysely';
import { isVendorAssigned, memberProjectCondition, taskTypeDepartment } from './crud.repository.ts';
import type { Rule } from './crud-rule.ts';
import type { Collection, Row } from './crud.types.ts';

export type { Rule };

export const anyone: Rule = { kind: 'anyone' };
export const admin: Rule = { kind: 'admin' };
export const member: Rule = { kind: 'member' };
export const manager: Rule = { kind: 'manager' };
export const supervisor: Rule = { kind: 'supervisor' };
export const notVendor: Rule = { kind: 'notVendor' };
export const taskDepartment: Rule = { kind: 'taskDepartment' };
export const owner = (column: string): Rule => ({ kind: 'owner', column });
export const vendorAssigned = (link: { task?: string; entity?: string }): Rule => ({ kind: 'vendorAssigned', ...link });
export const onlyFields = (...fields: string[]): Rule => ({ kind: 'onlyFields', fields });
export const all = (...rules: Rule[]): Rule => ({ kind: 'all', rules });
export const any = (...rules: Rule[]): Rule => ({ kind: 'any', rules });

export interface PolicyInput {
  actor: Actor;
  /** The stored row (read, update, delete) or the new values (create). */
  object: Row;
  projectId: string | null;
  /** Keys an update actually changes. */
  changedKeys?: string[];
}

class Evaluation {
  private access: Promise<ProjectAccess | null> | undefined;

  constructor(
    private readonly db: Executor,
    private readonly input: PolicyInput,
  ) {}

  private projectAccess(): Promise<ProjectAccess | null> {
    const { projectId, actor } = this.input;
    this.access ??= projectId ? projectAccess(this.db, actor, projectId) : Promise.resolve(null);
    return this.access;
  }

  private async effectiveRole(): Promise<string> {
    const access = await this.projectAccess();
    return access?.projectExists ? access.effectiveRole : this.input.actor.role;
  }

  private async memberWithRole(roles: string[] | null): Promise<boolean> {
    const access = await this.projectAccess();
    if (!access?.projectExists || !access.isMember) return false;
    return roles === null || roles.includes(access.effectiveRole);
  }

  async check(rule: Rule): Promise<boolean> {
    const { actor, object } = this.input;
    switch (rule.kind) {
      case 'anyone':
        return true;
      case 'admin':
        return actor.role === 'admin';
      case 'member':
        return this.memberWithRole(null);
      case 'manager':
        return this.memberWithRole(['admin', 'manager']);
      case 'supervisor':
        return this.memberWithRole(['admin', 'manager', 'supervisor']);
      case 'notVendor':
        return (await this.effectiveRole()) !== 'vendor';
      case 'owner':
        return typeof object[rule.column] === 'string' && object[rule.column] === actor.id;
      case 'vendorAssigned': {
        if ((await this.effectiveRole()) !== 'vendor') return true;
        const taskId = rule.task ? object[rule.task] : undefined;
        const entityId = rule.entity ? object[rule.entity] : undefined;
        return isVendorAssigned(this.db, actor.id, {
          taskId: typeof taskId === 'string' ? taskId : undefined,
          entityId: typeof entityId === 'string' ? entityId : undefined,
        });
      }
      case 'taskDepartment': {
        if (actor.departmentIds.length === 0) return true;
        const department = typeof object.task_type_id === 'string' ? await taskTypeDepartment(this.db, object.task_type_id) : null;
        return department !== null && actor.departmentIds.includes(department);
      }
      case 'onlyFields':
        return (this.input.changedKeys ?? []).every((key) => rule.fields.includes(key));
      case 'all':
        for (const inner of rule.rules) if (!(await this.check(inner))) return false;
        return true;
      case 'any':
        for (const inner of rule.rules) if (await this.check(inner)) return true;
        return false;
    }
  }
}

/** Whether the rule lets the caller act on the object. */
export async function isAllowed(db: Executor, rule: Rule, input: PolicyInput): Promise<boolean> {
  if (input.actor.role === 'admin') return true;
  return new Evaluation(db, input).check(rule);
}

/** Throws the standard 403 unless the rule lets the caller act on the object. */
export async function authorize(db: Executor, rule: Rule, input: PolicyInput): Promise<void> {
  if (!(await isAllowed(db, rule, input))) throw errors.forbidden();
}

/**
 * The rows a caller may list (§3.2 read scoping), as an SQL condition; undefined means every row.
 * Collections without a scope are admin-only: others get 403.
 */
export function listCondition(def: Collection, actor: Actor): RawBuilder<boolean> | undefined {
  const scope = def.policy.list;
  if (actor.role === 'admin' || scope === 'anyone') return undefined;
  if (scope === 'admin') throw errors.forbidden();
  if (scope === 'not-vendor') {
    if (actor.role === 'vendor') throw errors.forbidden();
    return undefined;
  }
  if (scope.vendors === 'none' && actor.role === 'vendor') throw errors.forbidden();
  return memberProjectCondition(def, scope, actor);
}
