// The shape of a permission rule, apart from crud.policy.ts (which evaluates rules and needs the
// repository): collection definitions name rules without importing the policy's SQL.

/**
 * Permissions as data (§5.2): each collection declares one rule per action, built from these blocks.
 * Admins pass every rule. A rule that needs a project reads the object's project (see `project` on
 * the collection); without one, project rules fail.
 */
export type Rule =
  | { kind: 'anyone' }
  | { kind: 'admin' }
  /** Team member of the object's project. */
  | { kind: 'member' }
  /** Member whose effective project role is manager. */
  | { kind: 'manager' }
  /** Member whose effective project role is manager or supervisor. */
  | { kind: 'supervisor' }
  /** Effective role (in the project when there is one) is not vendor. */
  | { kind: 'notVendor' }
  /** The caller is the person the object's column points at (self, author, creator). */
  | { kind: 'owner'; column: string }
  /** Vendors only reach objects tied to tasks assigned to them; everyone else passes. */
  | { kind: 'vendorAssigned'; task?: string; entity?: string }
  /** Supervisors with no departments, or whose departments include the task type's. */
  | { kind: 'taskDepartment' }
  /** The update changes only these keys. */
  | { kind: 'onlyFields'; fields: readonly string[] }
  | { kind: 'all'; rules: Rule[] }
  | { kind: 'any'; rules: Rule[] };
