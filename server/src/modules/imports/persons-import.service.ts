import type { Actor } from '../../platform/auth/actor.ts';
import { normaliseRole } from '../../platform/auth/actor.ts';
import type { AuditRecord } from '../../platform/audit/audit.ts';
import type { Tx } from '../../platform/db/database.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import { presentPerson } from '../persons/person.presenter.ts';
import { append, RowError, type CsvImporter, type Imported, type ImportJournal } from './csv-import.runner.ts';
import type { CsvRecord } from './csv-reader.ts';
import { booleanCell, integerCell, requiredCell } from './import-cells.ts';
import {
  countActivePeople,
  departmentsOf,
  findNamed,
  findPeopleByEmail,
  insertPeople,
  setDepartments,
  updatePeople,
  type PersonRecord,
  type PersonValues,
} from './persons-import.repository.ts';

/**
 * `POST import/csv/persons[?update=true]` (admins): First Name, Last Name, Email (required; a person is
 * matched by email), Phone, Role, Contract Type, Position, Seniority (codes or labels, e.g. "user" or
 * "Artist"), Country (ISO alpha-2), Daily Salary, Studio and Departments (existing names,
 * comma-separated), Active (yes/no). Existing people are only changed with `update=true`. The
 * columns are those of `export/csv/persons.csv`, so an export imports back as is.
 */

const CHOICES = {
  'Contract Type': { 'open-ended': 'Open-ended', 'fixed-term': 'Fixed-term', 'short-term': 'Short-term', freelance: 'Freelance', apprentice: 'Apprentice', internship: 'Internship' },
  Position: { supervisor: 'Supervisor', lead: 'Lead', artist: 'Artist' },
  Seniority: { senior: 'Senior', mid: 'Mid', junior: 'Junior' },
  Role: { user: 'Artist', admin: 'Studio Manager', supervisor: 'Supervisor', manager: 'Production Manager', client: 'Client', vendor: 'Vendor' },
} as const;

/** A choice given by code or label (case-insensitive). */
function choice(label: keyof typeof CHOICES, value: string): string {
  const wanted = value.trim().toLowerCase();
  for (const [code, text] of Object.entries(CHOICES[label])) if (code === wanted || text.toLowerCase() === wanted) return code;
  if (label === 'Role') {
    const role = normaliseRole(wanted);
    if (role) return role;
  }
  throw new RowError(`A value is invalid: ${label}: ${value}`);
}

interface PersonRow {
  values: PersonValues;
  departmentIds?: string[];
}

class PersonsImporter implements CsvImporter<PersonRow, Record<string, unknown>> {
  readonly requiredColumns = ['First Name', 'Last Name', 'Email'];

  constructor(
    private readonly tx: Tx,
    private readonly events: DomainEvent[],
    private readonly audit: AuditRecord[],
    private readonly actor: Actor,
    private readonly options: { update: boolean; userLimit: number },
    private readonly studios: Map<string, string>,
    private readonly departments: Map<string, string>,
  ) {}

  parse(record: CsvRecord): PersonRow {
    const email = requiredCell(record, 'Email').toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw new RowError(`A value is invalid: Email: ${email}`);
    const values: PersonValues = { email, first_name: requiredCell(record, 'First Name'), last_name: record.get('Last Name')?.trim() ?? '' };
    const text = (column: string) => record.get(column)?.trim() || undefined;
    const phone = text('Phone');
    if (phone) values.phone = phone;
    for (const [column, key] of [['Role', 'role'], ['Contract Type', 'contract_type'], ['Position', 'position'], ['Seniority', 'seniority']] as const) {
      const value = text(column);
      if (value) values[key] = choice(column, value);
    }
    const country = text('Country');
    if (country) {
      if (!/^[A-Za-z]{2}$/.test(country)) throw new RowError(`A value is invalid: Country: ${country}`);
      values.country = country.toUpperCase();
    }
    const salary = integerCell(record, ['Daily Salary'], 'Daily Salary');
    if (salary !== undefined) values.daily_salary = salary;
    const studio = text('Studio');
    if (studio) {
      const studioId = this.studios.get(studio.toLowerCase());
      if (!studioId) throw new RowError(`Studio not found: ${studio}`);
      values.studio_id = studioId;
    }
    const active = text('Active');
    if (active) values.active = booleanCell(active, 'Active');
    const departments = text('Departments');
    const departmentIds = departments?.split(',').map((name) => name.trim()).filter(Boolean).map((name) => {
      const id = this.departments.get(name.toLowerCase());
      if (!id) throw new RowError(`Department not found: ${name}`);
      return id;
    });
    return { values, departmentIds };
  }

  key(row: PersonRow): string {
    return row.values.email;
  }

  async apply(rows: PersonRow[]): Promise<Array<Imported<Record<string, unknown>>>> {
    const { tx, actor } = this;
    const existing = new Map((await findPeopleByEmail(tx, rows.map((row) => row.values.email))).map((person) => [person.email?.toLowerCase() ?? '', person]));
    let active = await countActivePeople(tx);
    for (const row of rows) {
      const current = existing.get(row.values.email);
      const becomesActive = current ? this.options.update && row.values.active === true && !current.active : row.values.active !== false;
      if (becomesActive && ++active > this.options.userLimit) throw new RowError('User limit reached.', row);
    }
    const created = await insertPeople(tx, rows.filter((row) => !existing.has(row.values.email)).map((row) => row.values));
    const updated = this.options.update
      ? await updatePeople(tx, rows.flatMap((row) => {
        const person = existing.get(row.values.email);
        return person ? [{ ...row.values, id: person.id }] : [];
      }))
      : [];
    const byEmail = new Map<string, PersonRecord>([...existing]);
    for (const person of [...created, ...updated]) byEmail.set(person.email?.toLowerCase() ?? '', person);
    const written = new Set([...created, ...updated].map((person) => person.id));
    await setDepartments(tx, rows.flatMap((row) => {
      const person = byEmail.get(row.values.email);
      return person && written.has(person.id) && row.departmentIds !== undefined ? [{ personId: person.id, departmentIds: row.departmentIds }] : [];
    }));
    append(this.events, created.map((person) => ({ name: 'person:new', data: { person_id: person.id }, actorId: actor.id })));
    append(this.events, updated.map((person) => ({ name: 'person:update', data: { person_id: person.id }, actorId: actor.id })));
    append(this.audit, [
      ...created.map((person) => ({ actorId: actor.id, action: 'create', objectType: 'person', objectId: person.id, after: { ...presentPerson(person), source: 'csv-import' } })),
      ...updated.map((person) => ({ actorId: actor.id, action: 'update', objectType: 'person', objectId: person.id, after: { ...presentPerson(person), source: 'csv-import' } })),
    ]);
    const departments = await departmentsOf(tx, [...byEmail.values()].map((person) => person.id));
    return rows.map((row) => {
      const person = byEmail.get(row.values.email);
      if (!person) throw new RowError(`${row.values.email} was created by someone else during the import: send the file again`, row);
      const action = created.some((p) => p.id === person.id) ? 'created' : written.has(person.id) ? 'updated' : 'unchanged';
      return { result: presentPerson(person, departments.get(person.id) ?? []), action };
    });
  }
}

export async function personsImporter(tx: Tx, journal: ImportJournal, actor: Actor, options: { update: boolean; userLimit: number }): Promise<PersonsImporter> {
  const byName = (rows: Array<{ id: string; name: string }>) => new Map(rows.map((row) => [row.name.toLowerCase(), row.id]));
  const [studios, departments] = await Promise.all([findNamed(tx, 'studio'), findNamed(tx, 'department')]);
  return new PersonsImporter(tx, journal.events, journal.audit, actor, options, byName(studios), byName(departments));
}
