import { errors } from '../../platform/errors/index.ts';
import { isUuid } from '../../platform/http/uuid.ts';
import type { ListPlaylistsQuery } from '../../../../packages/contracts/src/playlists.schema.ts';
import type { PlaylistFilters } from './playlists.repository.ts';

/**
 * `GET data/playlists?...` filters, parsed the way Zou's generic lists parse them (§3.2): a value the
 * column cannot hold is a 400 naming it, never a database error.
 */

const TRUE = ['y', 'yes', 't', 'true', 'on', '1'];
const FALSE = ['n', 'no', 'f', 'false', 'off', '0'];

function uuidFilter(value: string | undefined): string | undefined {
  if (value === undefined) return undefined;
  if (!isUuid(value)) throw errors.badRequest(`Invalid UUID value: ${value}`);
  return value.toLowerCase();
}

function booleanFilter(value: string | undefined): boolean | undefined {
  if (value === undefined) return undefined;
  const lower = value.trim().toLowerCase();
  if (TRUE.includes(lower)) return true;
  if (FALSE.includes(lower)) return false;
  throw errors.badRequest(`Invalid boolean value: ${value}`);
}

export function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (!/^-?\d+$/.test(value.trim())) throw errors.badRequest(`${name} must be an integer.`);
  return Number(value);
}

export interface ParsedListQuery {
  filters: PlaylistFilters;
  page?: { page: number; limit: number; offset: number };
}

export function parseListQuery(query: ListPlaylistsQuery): ParsedListQuery {
  const filters: PlaylistFilters = {
    projectId: uuidFilter(query.project_id),
    episodeId: query.episode_id === 'null' ? null : uuidFilter(query.episode_id),
    taskTypeId: uuidFilter(query.task_type_id),
    id: uuidFilter(query.id),
    nameLike: query.name,
    forClient: booleanFilter(query.for_client),
    forEntity: query.for_entity,
    isDaily: booleanFilter(query.is_daily),
  };
  if (query.page === undefined) return { filters };
  const page = positiveInteger(query.page, 'page', 1);
  const limit = Math.min(Math.max(positiveInteger(query.limit, 'limit', 100), 1), 1000);
  return { filters, page: { page, limit, offset: Math.max(page - 1, 0) * limit } };
}
