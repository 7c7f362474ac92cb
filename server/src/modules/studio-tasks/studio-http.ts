import type { FastifyInstance, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/errors/index.ts';
import { useDetailErrorBodies } from '../../platform/http/error-handler.ts';

/**
 * The studio endpoints (seeds 000 and 001) answer errors as FastAPI does, `{"detail": "..."}`; the
 * body also carries `error` and `message` so that Kitsu and Gazu-style clients read them too.
 */
export function detailError(status: number, detail: string, extra: Record<string, unknown> = {}): AppError {
  return new AppError(status, `studio_${status}`, detail, { body: { detail, error: true, message: detail, ...extra } });
}

/** Pydantic's rendering of a single validation error, as the seed shows it (single-space indent). */
export function pydanticValueError(model: string, field: string, message: string): string {
  return `1 validation error for ${model}\n${field}\n Value error, ${message}`;
}

export const studioErrors = {
  insufficientPermissions: () => detailError(403, 'Insufficient permissions'),
  accessDenied: () => detailError(403, 'Access denied to this project'),
  projectNotFound: () => detailError(404, 'Project not found'),
  shotNotFound: () => detailError(404, 'Shot not found'),
  assetNotFound: () => detailError(404, 'Asset not found'),
  taskNotFound: () => detailError(404, 'Task not found'),
} as const;

interface AjvIssue {
  keyword: string;
  instancePath: string;
  message?: string;
  params: Record<string, unknown>;
}

function describeIssue(issue: AjvIssue, context: string): { field: string; message: string } {
  const path = issue.instancePath.replace(/^\//, '').replace(/\//g, '.');
  if (issue.keyword === 'required') {
    return { field: [path, String(issue.params.missingProperty)].filter(Boolean).join('.'), message: 'Field required' };
  }
  if (issue.keyword === 'pattern' && path.endsWith('color')) {
    return { field: path, message: 'Value error, Color must be a hex code like #RRGGBB' };
  }
  if (issue.keyword === 'pattern' && path.endsWith('short_name')) {
    return { field: path, message: 'Value error, Short name must be 1 to 10 letters, digits, _ or -' };
  }
  return { field: path || context, message: issue.message ?? 'is invalid' };
}

/**
 * Renders schema failures of the studio routes with a `detail`, instead of the global Zou-style 400:
 * seed-001 routes use Pydantic's 422 text, seed-000 routes a plain 400. Routes opt in with
 * `attachValidation: true`; the hook is scoped to the plugin that registers it.
 */
export function renderValidationWithDetail(app: FastifyInstance, style: 'pydantic-422' | 'plain-400'): void {
  // Failures before the handler (malformed, empty or oversized bodies, the input boundary) too.
  useDetailErrorBodies(app);
  app.addHook('preHandler', async (request: FastifyRequest) => {
    const failure = request.validationError;
    if (!failure) return;
    const issue = ((failure.validation ?? []) as AjvIssue[])[0];
    const { field, message } = issue ? describeIssue(issue, failure.validationContext) : { field: '', message: failure.message };
    if (style === 'plain-400') throw detailError(400, `Invalid request: ${field ? `${field}: ` : ''}${message}`);
    const model = request.routeOptions.config?.modelName ?? 'Request';
    throw detailError(422, `1 validation error for ${model}\n${field}\n ${message}`);
  });
}
