import type { Tx } from '../../../platform/db/database.ts';
import { errors } from '../../../platform/errors/index.ts';
import { presentPerson } from '../../persons/person.presenter.ts';
import { presentProject } from '../../projects/project.presenter.ts';
import { presentTaskStatus, presentTaskType } from '../../tasks/task.presenter.ts';
import { customData, rgbToHex, SgEntryError, textOf, type SgRecord } from './shotgun-fields.ts';
import { countOutcome, extractAll, inPayloadOrder, rejectDuplicates, rejectWhere, type Outcome } from './shotgun-import.ts';
import * as repo from './shotgun-studio.repository.ts';

/** ShotGrid projects, human users, pipeline steps and statuses (Zou's shotgun import resources). */

const TASK_TYPE_KINDS = ['Asset', 'Shot', 'Sequence', 'Episode', 'Edit', 'Concept', 'Scene'];

/** Projects: `name`, `sg_status` (a project status, created on the fly; Open when empty), other `sg_*` fields in `data`. */
export async function importProjects(tx: Tx, entries: unknown[]): Promise<Outcome> {
  const { items, failures } = extractAll(entries, (entry: SgRecord): repo.SgProjectValues => ({
    shotgun_id: entry.id as number,
    name: textOf(entry, 'name', { required: true, max: 80 }) ?? '',
    status: textOf(entry, 'sg_status', { max: 20 }) ?? 'Open',
    data: customData(entry, ['sg_status']),
  }));
  const unique = rejectDuplicates(items, failures, (value) => value.name, (value) => `Another project of this import is named ${value.name}`);
  const conflicts = await repo.projectNameConflicts(tx, unique.map((item) => item.value));
  const valid = rejectWhere(unique, failures, (value) => (conflicts.has(value.shotgun_id) ? `A project named ${value.name} comes from another ShotGrid project` : undefined));
  const written = await repo.upsertProjects(tx, valid.map((item) => item.value));
  const rows = inPayloadOrder(valid, await repo.projectsBySgId(tx, valid.map((item) => item.value.shotgun_id)));
  return { rows: rows.map(presentProject), ...countOutcome(valid.length, written), failures };
}

/**
 * Human users: `firstname`, `lastname`, `email`, `login`, `sg_status_list` ("act" = active),
 * `permission_rule_set.name` (Admin / Manager, else artist — applied to new people only), `department.name`.
 */
export async function importPersons(tx: Tx, entries: unknown[], userLimit: number): Promise<Outcome> {
  const { items, failures } = extractAll(entries, (entry: SgRecord): repo.SgPersonValues => {
    const email = textOf(entry, 'email', { max: 255 })?.toLowerCase() ?? null;
    if (email === 'changeme@email.com') throw new SgEntryError('This entry is not a real person (changeme@email.com)');
    const ruleSet = linkOrName(entry, 'permission_rule_set');
    return {
      shotgun_id: entry.id as number,
      first_name: textOf(entry, 'firstname', { max: 80 }) ?? '',
      last_name: textOf(entry, 'lastname', { max: 80 }) ?? '',
      email,
      desktop_login: textOf(entry, 'login', { max: 80 }),
      active: (textOf(entry, 'sg_status_list') ?? 'act') === 'act',
      role: ruleSet === 'Admin' ? 'admin' : ruleSet === 'Manager' ? 'manager' : 'user',
      department: linkOrName(entry, 'department'),
    };
  });
  const unique = rejectDuplicates(items, failures, (value) => value.email ?? `#${value.shotgun_id}`, (value) => `Another person of this import has the email ${value.email ?? ''}`);
  const conflicts = await repo.personEmailConflicts(tx, unique.map((item) => item.value));
  const valid = rejectWhere(unique, failures, (value) => (conflicts.has(value.shotgun_id) ? `${value.email ?? ''} belongs to another ShotGrid user` : undefined));
  const written = await repo.upsertPeople(tx, valid.map((item) => item.value));
  if (written.some((row) => row.inserted) && (await repo.countActivePeople(tx)) > userLimit) throw errors.badRequest('User limit reached.');
  const people = await repo.peopleBySgId(tx, valid.map((item) => item.value.shotgun_id));
  const withDepartment = valid.filter((item) => item.value.department !== null);
  const departments = await repo.ensureDepartments(tx, withDepartment.map((item) => ({ name: item.value.department ?? '', color: '#000000' })));
  const idBySgId = new Map(people.map((person) => [person.shotgun_id, person.id]));
  const changed = await repo.setSingleDepartment(tx, withDepartment.flatMap((item) => {
    const personId = idBySgId.get(item.value.shotgun_id);
    const departmentId = departments.get(item.value.department ?? '');
    return personId && departmentId ? [{ personId, departmentId }] : [];
  }));
  return { rows: inPayloadOrder(valid, people).map((person) => presentPerson(person)), ...countOutcome(valid.length, written, changed), failures };
}

/** `permission_rule_set` / `department` are links ({type, id, name}); their name is what Zou reads. */
function linkOrName(entry: SgRecord, key: string): string | null {
  const value = entry[key];
  if (value === null || value === undefined) return null;
  if (typeof value === 'object' && !Array.isArray(value) && typeof (value as { name?: unknown }).name === 'string') return (value as { name: string }).name;
  throw new SgEntryError(`${key} must be a linked entity with a name`);
}

/** Steps → task types: `code` (name), `short_name`, `color` ("r,g,b"), `entity_type` (Asset, Shot...); department = first word of the code. */
export async function importSteps(tx: Tx, entries: unknown[]): Promise<Outcome> {
  const { items, failures } = extractAll(entries, (entry: SgRecord): repo.SgStepValues => {
    const name = textOf(entry, 'code', { required: true, max: 40 }) ?? '';
    const forEntity = textOf(entry, 'entity_type') ?? 'Asset';
    if (!TASK_TYPE_KINDS.includes(forEntity)) throw new SgEntryError(`entity_type ${forEntity} is not one of ${TASK_TYPE_KINDS.join(', ')}`);
    return {
      shotgun_id: entry.id as number, name, short_name: textOf(entry, 'short_name', { max: 20 }) ?? '', color: rgbToHex(entry.color),
      for_entity: forEntity, department: (name.split(' ')[0] ?? name).slice(0, 80),
    };
  });
  const departments = await repo.ensureDepartments(tx, items.map((item) => ({ name: item.value.department, color: item.value.color })));
  const located = items.map((item) => ({ entry: item.entry, value: { ...item.value, department_id: departments.get(item.value.department) ?? '' } }));
  const unique = rejectDuplicates(located, failures, (value) => `${value.name}/${value.for_entity}`, (value) => `Another step of this import is named ${value.name}`);
  const conflicts = await repo.stepConflicts(tx, unique.map((item) => item.value));
  const valid = rejectWhere(unique, failures, (value) => (conflicts.has(value.shotgun_id) ? `The task type ${value.name} comes from another ShotGrid step` : undefined));
  const written = await repo.upsertSteps(tx, valid.map((item) => item.value));
  const rows = inPayloadOrder(valid, await repo.taskTypesBySgId(tx, valid.map((item) => item.value.shotgun_id)));
  return { rows: rows.map(presentTaskType), ...countOutcome(valid.length, written), failures };
}

/** Statuses → global task statuses: `name`, `code` (short name), `bg_color` ("r,g,b"). */
export async function importStatuses(tx: Tx, entries: unknown[]): Promise<Outcome> {
  const { items, failures } = extractAll(entries, (entry: SgRecord): repo.SgStatusValues => ({
    shotgun_id: entry.id as number,
    name: textOf(entry, 'name', { required: true, max: 40 }) ?? '',
    short_name: textOf(entry, 'code', { required: true, max: 10 }) ?? '',
    color: rgbToHex(entry.bg_color ?? '0,0,0'),
  }));
  const unique = rejectDuplicates(items, failures, (value) => value.short_name.toLowerCase(), (value) => `Another status of this import has the code ${value.short_name}`);
  const conflicts = await repo.statusConflicts(tx, unique.map((item) => item.value));
  const valid = rejectWhere(unique, failures, (value) => (conflicts.has(value.shotgun_id) ? `The status ${value.short_name} comes from another ShotGrid status` : undefined));
  const written = await repo.upsertStatuses(tx, valid.map((item) => item.value));
  const rows = inPayloadOrder(valid, await repo.statusesBySgId(tx, valid.map((item) => item.value.shotgun_id)));
  return { rows: rows.map(presentTaskStatus), ...countOutcome(valid.length, written), failures };
}

