import type { Role } from '../../server/src/platform/auth/actor.ts';
import { Random } from './random.ts';
import { BENCH_EMAIL_DOMAIN, type TierSpec } from './tiers.ts';
import { DEPARTMENTS, FIRST_NAMES, LAST_NAMES } from './reference.ts';

export interface PlannedPerson {
  index: number;
  id: string;
  firstName: string;
  lastName: string;
  email: string;
  role: Role;
  /** Index into DEPARTMENTS; null for admins, managers and clients. */
  department: number | null;
}

export interface Staff {
  people: PlannedPerson[];
  admins: PlannedPerson[];
  managers: PlannedPerson[];
  supervisors: PlannedPerson[];
  artists: PlannedPerson[];
  vendors: PlannedPerson[];
  clients: PlannedPerson[];
}

/** Spreads `count` slots over departments in proportion to their weights (largest remainder). */
export function apportion(count: number, weights: number[]): number[] {
  const total = weights.reduce((sum, w) => sum + w, 0) || 1;
  const exact = weights.map((w) => (w / total) * count);
  const slots = exact.map(Math.floor);
  const order = exact.map((value, i) => ({ i, rest: value - Math.floor(value) })).sort((a, b) => b.rest - a.rest || a.i - b.i);
  for (let k = 0; slots.reduce((s, v) => s + v, 0) < count; k += 1) {
    const target = order[k % order.length];
    if (target) slots[target.i] = (slots[target.i] ?? 0) + 1;
  }
  return slots;
}

/**
 * The studio's people. Artists are spread over departments in proportion to the departments' share
 * of the main project's tasks, in a shuffled order, so that every slice of the artist list (a
 * project's team) mixes departments. Emails: admin@, manager01@, supervisor01@, artist001@...
 */
export function planStaff(spec: TierSpec, seed: number, departmentWeights: number[]): Staff {
  const rng = new Random(seed, 1);
  const people: PlannedPerson[] = [];
  const add = (role: Role, label: string, count: number, digits: number, departments: Array<number | null>) =>
    Array.from({ length: count }, (_, i) => {
      const index = people.length;
      const person: PlannedPerson = {
        index,
        id: rng.uuid(),
        firstName: FIRST_NAMES[index % FIRST_NAMES.length] ?? 'Ada',
        lastName: `${LAST_NAMES[Math.floor(index / FIRST_NAMES.length) % LAST_NAMES.length] ?? 'Martin'}-${label}${i + 1}`,
        email: count === 1 && label === 'admin' ? `admin@${BENCH_EMAIL_DOMAIN}` : `${label}${String(i + 1).padStart(digits, '0')}@${BENCH_EMAIL_DOMAIN}`,
        role,
        department: departments[i] ?? null,
      };
      people.push(person);
      return person;
    });

  const { people: counts } = spec;
  const artistDepartments = rng.shuffle(apportion(counts.artists, departmentWeights).flatMap((n, d) => Array<number>(n).fill(d)));
  const supervisorDepartments = Array.from({ length: counts.supervisors }, (_, i) => i % DEPARTMENTS.length);
  const fx = DEPARTMENTS.indexOf('FX');
  const compositing = DEPARTMENTS.indexOf('Compositing');
  const vendorDepartments = Array.from({ length: counts.vendors }, (_, i) => (i % 2 === 0 ? fx : compositing));
  return {
    people,
    admins: add('admin', 'admin', counts.admins, 2, []),
    managers: add('manager', 'manager', counts.managers, 2, []),
    supervisors: add('supervisor', 'supervisor', counts.supervisors, 2, supervisorDepartments),
    artists: add('user', 'artist', counts.artists, 3, artistDepartments),
    vendors: add('vendor', 'vendor', counts.vendors, 2, vendorDepartments),
    clients: add('client', 'client', counts.clients, 2, []),
  };
}
