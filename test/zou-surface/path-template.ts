/** Turning the expressions clients build URLs from into `:name` path templates. */

const snakeCase = (name: string): string => name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').toLowerCase();

/**
 * The placeholder for a value interpolated into a path, named after what the client interpolates:
 * `project['id']` and `production.id` become `project_id` and `production_id`, `taskTypeId` becomes
 * `task_type_id`, `sequence['project_id']` becomes `project_id`. The name only has to tell the
 * contract test which seeded row to put there.
 */
export function placeholderName(expression: string): string {
  return rawPlaceholderName(expression).replace(/_id_id$/, '_id');
}

function rawPlaceholderName(expression: string): string {
  let expr = expression.trim();
  // normalize_model_parameter(person)['id'] → person['id']
  const wrapped = /^[A-Za-z_][\w.]*\(\s*([A-Za-z_]\w*)\s*\)(.*)$/s.exec(expr);
  if (wrapped) expr = `${wrapped[1]}${wrapped[2]}`;
  const subscript = /^([A-Za-z_]\w*)\s*\[\s*['"](\w+)['"]\s*\]$/.exec(expr);
  if (subscript) return subscript[2] === 'id' ? `${snakeCase(subscript[1])}_id` : snakeCase(subscript[2]);
  const member = /^([A-Za-z_]\w*)\??\.([A-Za-z_]\w*)$/.exec(expr);
  if (member) return member[2] === 'id' ? `${snakeCase(member[1])}_id` : snakeCase(member[2]);
  const identifier = /^[A-Za-z_]\w*/.exec(expr);
  return identifier ? snakeCase(identifier[0]) : 'value';
}

/**
 * A client-side path as the server sees it: under `/api`, without its query string, duplicate
 * slashes collapsed. Gazu's paths are relative to its host (which ends with `/api`); Kitsu's are
 * absolute (`/api/...`).
 */
export function toApiPath(clientPath: string): string {
  // A query string may be appended in pieces (`?a=1`, then `&b=2`), so either mark ends the path.
  const withoutQuery = clientPath.split(/[?&]/)[0];
  let path = withoutQuery.startsWith('/') ? withoutQuery : `/${withoutQuery}`;
  if (path !== '/api' && !path.startsWith('/api/')) path = `/api${path === '/' ? '' : path}`;
  return path.replace(/\/{2,}/g, '/');
}

/** The placeholder names of a template, in order. */
export const placeholdersOf = (template: string): string[] => [...template.matchAll(/:(\w+)/g)].map((match) => match[1]);
