import { http } from '@/lib/http';
import type { Project, UserContext } from '@/lib/api-types';

/** Everything the app needs at start: open projects, people, task types and statuses, asset types... */
export const fetchContext = () => http.get<UserContext>('/data/user/context');

/** Every production the caller may list (admins: closed ones too). */
export const fetchProjects = () => http.get<Array<Project & { project_status_name?: string }>>('/data/projects');

/** Creates a production (admins); a TV series starts with its episode E01. */
export const createProject = (fields: Partial<Project>) => http.post<Project & { first_episode_id?: string }>('/data/projects', fields);

/** Edits a production (its coordinators and admins); closing it is setting its status to Closed. */
export const updateProject = (projectId: string, fields: Partial<Project>) => http.put<Project>(`/data/projects/${encodeURIComponent(projectId)}`, fields);
