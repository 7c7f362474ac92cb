import type { ClientName, HttpMethod } from './route-list.ts';

/**
 * The calls the extractor cannot read from the code alone, resolved by hand. Each entry replaces
 * what was read from that function (or excludes it), with the reason. Keyed `client:module:function`.
 */
export type ManualResolution =
  | { calls: Array<{ method: HttpMethod; path: string }>; reason: string }
  | { exclude: string };

type Key = `${ClientName}:${string}:${string}`;

/** Gazu's transport helpers (gazu/client.py, and their async twins in gazu/aio.py) send whatever path their caller gives. */
const TRANSPORT_HELPERS = ['get', 'post', 'put', 'delete', 'fetch_all', 'fetch_first', 'fetch_one', 'create', 'update', 'upload', 'download'];
const transport: Record<Key, ManualResolution> = Object.fromEntries(
  ['client', 'aio'].flatMap((module) =>
    TRANSPORT_HELPERS.map((helper) => [`gazu:${module}:${helper}`, { exclude: 'transport helper: sends the path its caller gives' }]),
  ),
);

const previewFile = { method: 'GET', path: '/api/data/preview-files/:preview_file_id' } as const;
const entityKinds = (template: (kind: string) => string, kinds: string[]) => kinds.map((kind) => ({ method: 'POST' as const, path: template(kind) }));

export const MANUAL_RESOLUTIONS: Record<Key, ManualResolution> = {
  ...transport,
  'gazu:client:host_is_up': {
    calls: [{ method: 'HEAD', path: '/api' }],
    reason: 'HEAD on client.host, the configured API root (…/api)',
  },
  'gazu:aio:check_server_status': {
    calls: [{ method: 'HEAD', path: '/api' }],
    reason: 'HEAD on client.host, the configured API root (…/api)',
  },
  'gazu:files:download_preview_file': {
    calls: [
      previewFile,
      { method: 'GET', path: '/api/pictures/originals/preview-files/:preview_file_id.png' },
      { method: 'GET', path: '/api/movies/originals/preview-files/:preview_file_id.mp4' },
    ],
    reason: 'the URL comes from get_preview_file_url(): it reads the preview file, then picks movies/ for mp4 and pictures/ otherwise',
  },
  'gazu:files:download_preview_movie': {
    calls: [previewFile, { method: 'GET', path: '/api/movies/originals/preview-files/:preview_file_id.mp4' }],
    reason: 'the URL comes from get_preview_movie_url(lowdef=False)',
  },
  'gazu:files:download_preview_lowdef_movie': {
    calls: [previewFile, { method: 'GET', path: '/api/movies/lowdef/preview-files/:preview_file_id.mp4' }],
    reason: 'the URL comes from get_preview_movie_url(lowdef=True)',
  },
  'gazu:files:download_attachment_thumbnail': {
    calls: [{ method: 'GET', path: '/api/pictures/thumbnails/attachment-files/:attachment_file_id.png' }],
    reason: 'the URL comes from get_attachment_thumbnail_url()',
  },
  'gazu:client:import_data': {
    exclude: "generic helper: the caller names the model (import/kitsu/<model>); sync.py's own calls to it are listed",
  },
  'gazu:task:batch_comments': {
    calls: [
      { method: 'POST', path: '/api/actions/tasks/:task_id/batch-comment' },
      { method: 'POST', path: '/api/actions/tasks/batch-comment' },
    ],
    reason: 'the f-string holds a conditional: with a task, actions/tasks/<id>/batch-comment, else actions/tasks/batch-comment',
  },
  'gazu:person:get_all_month_time_spents': {
    calls: [{ method: 'GET', path: '/api/data/persons/:person_id/time-spents/month/all/:year/:month' }],
    reason: 'the date is formatted as YYYY/MM: two path segments',
  },
  'kitsu:customactions.js:postCustomAction': {
    exclude: "posts to the custom action's own URL (a studio server the admin configured), not to the API",
  },
  'kitsu:tasks.js:createTasks': {
    calls: [
      ...entityKinds((kind) => `/api/actions/projects/:project_id/task-types/:task_type_id/${kind}/create-tasks`, ['shots', 'assets', 'edits', 'concepts']),
      ...entityKinds((kind) => `/api/actions/projects/:project_id/task-types/:task_type_id/create-tasks/${kind}`, ['episode', 'sequence']),
    ],
    reason: "the entity kind is a value (data.type): 'episodes' and 'sequences' go to create-tasks/<kind>, the others to <kind>/create-tasks",
  },
  'kitsu:tasks.js:createTask': {
    calls: [
      ...entityKinds((kind) => `/api/actions/projects/:project_id/task-types/:task_type_id/${kind}/create-tasks`, ['shots', 'assets', 'edits', 'concepts']),
      ...entityKinds((kind) => `/api/actions/projects/:project_id/task-types/:task_type_id/create-tasks/${kind}`, ['episode', 'sequence']),
    ],
    reason: 'as createTasks, for one entity (?id=)',
  },
  'kitsu:schedule.js:getEntityScheduleItems': {
    calls: ['asset-types', 'sequences', 'episodes'].map((kind) => ({ method: 'GET' as const, path: `/api/data/projects/:production_id/schedule-items/:task_type_id/${kind}` })),
    reason: "the last segment is the caller's entity kind: getAssetTypeScheduleItems, getSequenceScheduleItems and getEpisodeScheduleItems pass asset-types, sequences, episodes",
  },
};
