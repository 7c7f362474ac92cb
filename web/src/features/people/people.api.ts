import { http } from '@/lib/http';
import type { Department, Person, TeamMember } from '@/lib/api-types';

export const fetchPersons = () => http.get<Person[]>('/data/persons', { query: { relations: 'true' } });
export const fetchDepartments = () => http.get<Department[]>('/data/departments');

export interface NewPerson {
  first_name: string;
  last_name: string;
  email: string;
  role: string;
  password?: string;
  departments: string[];
}

export const createPerson = (person: NewPerson) => http.post<Person>('/data/persons', person);

/** Mails the person a link to set their password (admins; not bots or deactivated accounts). */
export const invitePerson = (personId: string) =>
  http.get<{ success: true; message: string }>(`/actions/persons/${encodeURIComponent(personId)}/invite`);

/**
 * An admin's reset of a person's two-factor authentication (someone who lost their phone and their
 * recovery codes): TOTP off, recovery codes and sessions dropped. Refused for other admins.
 */
export const resetTwoFactor = (personId: string) =>
  http.delete<{ success: true }>(`/actions/persons/${encodeURIComponent(personId)}/disable-two-factor-authentication`);

/** Role, activation and departments (admins). */
export const updatePerson = (personId: string, changes: Partial<Pick<Person, 'role' | 'active'>> & { departments?: string[] }) =>
  http.put<Person>(`/data/persons/${encodeURIComponent(personId)}`, changes);

const team = (projectId: string) => `/data/projects/${encodeURIComponent(projectId)}/team`;
export const fetchTeam = (projectId: string) => http.get<TeamMember[]>(team(projectId));
export const addTeamMember = (projectId: string, personId: string, role: string | null) => http.post<unknown>(team(projectId), { person_id: personId, role });
export const setTeamRole = (projectId: string, personId: string, role: string | null) =>
  http.put<unknown>(`${team(projectId)}/${encodeURIComponent(personId)}`, { role });
export const removeTeamMember = (projectId: string, personId: string) => http.delete<unknown>(`${team(projectId)}/${encodeURIComponent(personId)}`);
