import { http } from '@/lib/http';
import type { Project, UserContext } from '@/lib/api-types';

/** Everything the app needs at start: open projects, people, task types and statuses, asset types... */
export const fetchContext = () => http.get<UserContext>('/data/user/context');

/** Every production the caller may list (admins: closed ones too). */
export const fetchProjects = () => http.get<Array<Project & { project_status_name?: string }>>('/data/projects');
