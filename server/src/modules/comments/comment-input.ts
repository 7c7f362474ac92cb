import { errors } from '../../platform/errors/index.ts';
import type { CommentCreateBody } from '../../../../packages/contracts/src/comments.schema.ts';
import type { CreateCommentInput } from './comment-create.service.ts';

/**
 * Normalises a comment body. JSON carries real lists and booleans; multipart form fields carry text:
 * `checklist` as JSON, `links` as repeated fields (or JSON), booleans as `True`/`False`.
 */

function listOf(field: string, value: unknown): unknown[] {
  if (value === undefined || value === null || value === '') return [];
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') {
    if (value.trim().startsWith('[')) {
      try {
        const parsed: unknown = JSON.parse(value);
        if (Array.isArray(parsed)) return parsed;
      } catch {
        // reported below
      }
      throw errors.validation([{ field, message: 'must be a list' }], `Validation error: ${field} must be a list.`);
    }
    // A single form field (e.g. one link): a list of one.
    if (field === 'links') return [value];
  }
  throw errors.validation([{ field, message: 'must be a list' }], `Validation error: ${field} must be a list.`);
}

function booleanOf(value: unknown): boolean {
  if (typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.trim().toLowerCase() === 'true';
  return false;
}

const textOf = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

export function toCreateCommentInput(taskId: string, body: CommentCreateBody): CreateCommentInput {
  return {
    taskId,
    taskStatusId: body.task_status_id,
    text: typeof body.comment === 'string' ? body.comment : '',
    checklist: listOf('checklist', body.checklist),
    links: listOf('links', body.links),
    forClient: booleanOf(body.for_client),
    personId: textOf(body.person_id),
    createdAt: textOf(body.created_at),
  };
}
