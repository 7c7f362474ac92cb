import { defineStore } from 'pinia';
import { ref, shallowRef } from 'vue';
import { messageOf } from '@/lib/http';
import type { Department, Person, TeamMember } from '@/lib/api-types';
import { useProductionsStore } from '@/features/productions/productions.store';
import { useToastsStore } from '@/features/shell/toasts.store';
import * as api from './people.api';

export const ROLES: Array<{ id: string; label: string }> = [
  { id: 'user', label: 'Artist' },
  { id: 'supervisor', label: 'Supervisor' },
  { id: 'manager', label: 'Coordinator' },
  { id: 'admin', label: 'Admin' },
  { id: 'client', label: 'Client' },
  { id: 'vendor', label: 'Vendor' },
];
export const roleLabel = (role: string | null | undefined) => ROLES.find((entry) => entry.id === role)?.label ?? role ?? '';

/**
 * Whether the admin `actorId` is offered the reset of this person's 2FA: only when it is on, and not
 * for bots, other admins (the server refuses one admin stripping another's second factor) nor the
 * admin himself, who turns his own off on the Account security page.
 */
export function canResetTwoFactor(person: Pick<Person, 'id' | 'role' | 'is_bot' | 'totp_enabled'>, actorId: string | undefined): boolean {
  return person.totp_enabled === true && !person.is_bot && person.role !== 'admin' && person.id !== actorId;
}

/** The studio's people and a production's team. */
export const usePeopleStore = defineStore('people', () => {
  const persons = shallowRef<Person[]>([]);
  const departments = shallowRef<Department[]>([]);
  const team = shallowRef<TeamMember[]>([]);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const saving = ref<string | null>(null);

  async function load(): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      [persons.value, departments.value] = await Promise.all([api.fetchPersons(), api.fetchDepartments()]);
    } catch (caught) {
      error.value = messageOf(caught);
    } finally {
      loading.value = false;
    }
  }

  async function loadTeam(projectId: string): Promise<void> {
    loading.value = true;
    error.value = null;
    try {
      const [members] = await Promise.all([api.fetchTeam(projectId), persons.value.length ? Promise.resolve() : load()]);
      team.value = members;
    } catch (caught) {
      error.value = messageOf(caught);
    } finally {
      loading.value = false;
    }
  }

  /** Runs a change, shows its error once, and reloads what it changed. */
  async function change(key: string, work: () => Promise<unknown>, after: () => Promise<void>, success?: string): Promise<boolean> {
    saving.value = key;
    try {
      await work();
      await after();
      if (success) useToastsStore().success(success);
      return true;
    } catch (caught) {
      useToastsStore().error(messageOf(caught));
      return false;
    } finally {
      saving.value = null;
    }
  }

  const refreshPersons = async () => {
    persons.value = await api.fetchPersons();
    await useProductionsStore().load(true);
  };

  const create = (person: api.NewPerson) => change('new', () => api.createPerson(person), refreshPersons, `${person.first_name} ${person.last_name} can now log in.`);
  const update = (personId: string, changes: Parameters<typeof api.updatePerson>[1]) => change(personId, () => api.updatePerson(personId, changes), refreshPersons);
  /** Nothing to reload: an invitation changes no person field. */
  const invite = (person: Pick<Person, 'id' | 'email' | 'full_name'>) =>
    change(`invite:${person.id}`, () => api.invitePerson(person.id), async () => undefined, `Invitation sent to ${person.email ?? person.full_name}.`);

  /** The list is not reloaded: only the person's 2FA flag changes, and the server just said it is off. */
  const resetTwoFactor = (person: Pick<Person, 'id' | 'full_name'>) =>
    change(
      `2fa:${person.id}`,
      () => api.resetTwoFactor(person.id),
      async () => {
        persons.value = persons.value.map((entry) => (entry.id === person.id ? { ...entry, totp_enabled: false } : entry));
      },
      `Two-factor authentication reset for ${person.full_name}: they sign in with their password alone until they set it up again.`,
    );

  const teamAfter = (projectId: string) => async () => {
    team.value = await api.fetchTeam(projectId);
    await useProductionsStore().load(true);
  };
  const addToTeam = (projectId: string, personId: string, role: string | null) => change(personId, () => api.addTeamMember(projectId, personId, role), teamAfter(projectId));
  const setTeamRole = (projectId: string, personId: string, role: string | null) => change(personId, () => api.setTeamRole(projectId, personId, role), teamAfter(projectId));
  const removeFromTeam = (projectId: string, personId: string) => change(personId, () => api.removeTeamMember(projectId, personId), teamAfter(projectId));

  function reset() {
    persons.value = [];
    departments.value = [];
    team.value = [];
    error.value = null;
  }

  return { persons, departments, team, loading, error, saving, load, loadTeam, create, update, invite, resetTwoFactor, addToTeam, setTeamRole, removeFromTeam, reset };
});
