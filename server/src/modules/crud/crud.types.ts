import type { TObject, TSchema } from 'typebox';
import type { RawBuilder } from 'kysely';
import type { Actor } from '../../platform/auth/actor.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import type { AppError } from '../../platform/errors/index.ts';
import type { Rule } from './crud-rule.ts';

export type Row = Record<string, unknown>;
export type ColumnKind = 'uuid' | 'string' | 'integer' | 'number' | 'boolean' | 'date' | 'datetime' | 'json';

/** A many-to-many relation, serialised as an array of ids (`person.departments`, `task.assignees`...). */
export interface Relation {
  /** Link table and its two columns: the one pointing at this row, the one pointing at the other. */
  link: string;
  own: string;
  other: string;
  /** Table of the linked rows: ids that do not exist there are skipped on write. */
  target: string;
}

/** Where a row's project comes from, for permissions and event payloads. */
export type ProjectSource =
  | { column: string }
  /** Through a row of another table holding `project_id` (a comment's task). */
  | { via: string; column: string }
  /** The row is the project. */
  | { self: true };

/** Who may list a collection, and which rows (§3.2 read scoping). */
export type ListScope =
  | 'anyone'
  | 'admin'
  /** Everyone but vendors (Zou's block_access_to_vendor: custom actions, status automations). */
  | 'not-vendor'
  | {
      /** Non-admins see rows of the open projects they are a team member of. */
      projects: 'member-open';
      /** What vendors (effective project role) see: nothing, or rows tied to tasks assigned to them. */
      vendors: 'none' | 'all' | { assignedTask: string } | { assignedEntity: string };
    };

export interface Policy {
  list: ListScope;
  read: Rule;
  create: Rule;
  update: Rule;
  delete: Rule;
}

export interface HookContext {
  actor: Actor;
  tx: Tx;
  deps: AppDeps;
  def: Collection;
}

export interface WriteResult {
  /** Keys added to the response only (an issued `access_token`). */
  responseExtra?: Row;
  /** Domain events besides the generic `<kind>:<action>` one. */
  events?: DomainEvent[];
}

/** Model rules that the generic engine cannot express. Each runs inside the write's transaction. */
export interface Hooks {
  /** Fills values the permission check needs (a task's project from its entity). Runs before authorization. */
  deriveCreate?(ctx: HookContext, values: Row): Promise<void>;
  /** Validates and normalises a new row; may set defaults. Runs after authorization. */
  beforeCreate?(ctx: HookContext, values: Row, links: Record<string, string[]>): Promise<void>;
  afterCreate?(ctx: HookContext, id: string, values: Row): Promise<WriteResult | void>;
  /** Validates and normalises changes (removing keys drops them); `current` is the locked row. */
  beforeUpdate?(ctx: HookContext, current: Row, changes: Row, links: Record<string, string[]>): Promise<void>;
  afterUpdate?(
    ctx: HookContext,
    current: Row,
    changes: Row,
    linkChanges: Record<string, { added: string[]; removed: string[] }>,
  ): Promise<WriteResult | void>;
  /**
   * Runs before the row is deleted: refuses, cascades (`force`), or handles the deletion itself
   * (an entity with tasks is only flagged canceled) by returning 'handled'.
   */
  beforeDelete?(ctx: HookContext, current: Row, force: boolean): Promise<'handled' | void>;
}

export interface Collection {
  /** URL segment under `data/`. */
  name: string;
  table: string;
  /** Zou model name: the `type` key of serialised rows and the name in unknown-key errors. */
  typeName: string;
  /** The wire shape of a row, declared once in packages/contracts. */
  schema: TObject;
  /** Wire keys that are not columns: computed in SQL (filterable) and never written. */
  computed?: Record<string, (alias: string) => RawBuilder<unknown>>;
  /** Wire key → column when they differ (`notification_type` → `type`). */
  columnAliases?: Record<string, string>;
  /** Columns accepted on create only and never read back (a person's password, hashed by a hook). */
  writeOnly?: Record<string, TSchema>;
  /** Columns never returned nor filterable, whoever asks. */
  hidden?: readonly string[];
  /** Columns only admins see and filter on. */
  adminOnly?: readonly string[];
  /** For non-admins, the only keys they may filter on (persons). */
  nonAdminFilterable?: readonly string[];
  /** Keys dropped from PUT bodies (besides id, created_at, updated_at and project_id). */
  protectedOnUpdate?: readonly string[];
  relations?: Record<string, Relation>;
  project?: ProjectSource;
  policy: Policy;
  hooks?: Hooks;
  readOnly?: boolean;
  /**
   * Routes another module serves on the same path with its domain rules (time-spent deletion
   * recomputes the task duration; comment edits go through the comment flow; an attachment is read by
   * whoever may read its comment's task): not registered here. `read` is the single-row GET.
   */
  servedElsewhere?: readonly ('read' | 'create' | 'update' | 'delete')[];
  /** Restricts every read to a subset of the table (asset types are the non-temporal entity types). */
  baseCondition?: (alias: string) => RawBuilder<boolean>;
  /** Extra SQL selected for every row, read by `present` (names start with `_`). */
  extraSelects?: Record<string, (alias: string) => RawBuilder<unknown>>;
  /** Extra keys of the single-row GET (`project_status_name`). */
  detailSelects?: Record<string, (alias: string) => RawBuilder<unknown>>;
  /**
   * Adjusts the wire object: `base` holds the schema's keys, relations and `type`; `row` is what SQL
   * returned (with `_` extras). Persons swap in their presenters, entities compute their `type`.
   */
  present?: (base: Row, row: Row, view: PresentView) => Row;
  /** Event kind (`task`, `shot`, `asset-type`...); defaults to the table name with `_` → `-`. */
  eventKind?: (presented: Row) => string;
  /** Extra payload keys of the delete event (task: entity_id, task_type_id). */
  deleteEventData?: (presented: Row) => Row;
  /** PUT answers with relations (entities, §3.5). */
  updateWithRelations?: boolean;
  /** Unique constraints turned into this collection's own messages. */
  constraintErrors?: Record<string, () => AppError>;
  /** A delete refused by a foreign key (the row is still referenced) reports this instead of the generic text. */
  deleteConflictError?: () => AppError;
  /** Unpaginated lists stop at this many rows, newest first (the event log). */
  listCap?: number;
}

export interface PresentView {
  actor: Actor;
  def: Collection;
}
