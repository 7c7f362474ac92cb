import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import {
  CommentCreateBody,
  CommentIdParam,
  CommentRow,
  CommentUpdateBody,
  CommentWithRelations,
  CreatedComment,
  MoveCommentBody,
  Reply,
  ReplyBody,
  ReplyParams,
  TaskComment,
  TaskCommentParams,
  TaskIdParam,
} from '../../../../packages/contracts/src/comments.schema.ts';
import { createComment } from './comment-create.service.ts';
import { deleteComment, updateComment } from './comment-edit.service.ts';
import { acknowledgeComment, getTaskComment, listTaskComments } from './comment-list.service.ts';
import { moveComment, requireMoveRole } from './comment-move.service.ts';
import { deleteReply, replyToComment } from './comment-reply.service.ts';
import { toCreateCommentInput } from './comment-input.ts';
import { acceptStagedForms, keepStagedFiles, stagedFilesOf } from '../../platform/http/uploads.ts';
import { attachmentKey } from '../../platform/storage/layout.ts';

/**
 * Comments (§6.1-6.4). These routes carry side effects (task status, notifications, news), so
 * `PUT/DELETE data/comments/<id>` live here rather than in the generic CRUD.
 */
export const commentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const db = app.deps.db;
  const maxBytes = app.deps.config.uploads.maxFileBytes;
  // Gazu posts a comment with attachments as multipart: the fields are the body, the files are streamed
  // into the Storage while it is parsed, and removed again unless the comment commits with them.
  await acceptStagedForms(app, { storage: app.deps.storage, maxBytes, maxFiles: 20 });

  app.post('/actions/tasks/:taskId/comment', {
    config: { stagedUploads: { keyOf: attachmentKey, maxBytes } },
    schema: {
      tags: ['comments'],
      summary: 'Comment a task, possibly changing its status (Gazu add_comment, start_task)',
      description: 'JSON, or multipart/form-data with the same fields and attachment files "file", "file-1"... (size-limited, 413).',
      params: TaskIdParam,
      body: CommentCreateBody,
      response: { 201: CreatedComment },
    },
  }, async (request, reply) => {
    const input = { ...toCreateCommentInput(request.params.taskId, request.body), attachments: stagedFilesOf(request) };
    const comment = await inTransaction(app.deps, (tx, events) => createComment(actorOf(request), input, tx, events));
    keepStagedFiles(request);
    return reply.status(201).send(comment);
  });

  app.get('/data/tasks/:taskId/comments', {
    schema: {
      tags: ['comments'],
      summary: 'Comments of a task, newest first (Gazu all_comments_for_task, get_last_comment_for_task)',
      params: TaskIdParam,
      response: { 200: Type.Array(TaskComment) },
    },
  }, async (request) => listTaskComments(actorOf(request), { taskId: request.params.taskId }, db));

  app.get('/data/tasks/:taskId/comments/:commentId', {
    schema: { tags: ['comments'], summary: 'One comment of a task', params: TaskCommentParams, response: { 200: TaskComment } },
  }, async (request) => getTaskComment(actorOf(request), request.params, db));

  app.delete('/data/tasks/:taskId/comments/:commentId', {
    schema: { tags: ['comments'], summary: 'Delete a comment of a task', params: TaskCommentParams },
  }, async (request, reply) => {
    await inTransaction(app.deps, (tx, events) => deleteComment(actorOf(request), request.params, tx, events));
    return reply.status(204).send();
  });

  app.put('/data/comments/:id', {
    schema: {
      tags: ['comments'],
      summary: 'Edit a comment (Gazu update_comment); a status change recomputes the task',
      params: CommentIdParam,
      body: CommentUpdateBody,
      response: { 200: CommentRow },
    },
  }, async (request) =>
    inTransaction(app.deps, (tx, events) => updateComment(actorOf(request), { commentId: request.params.id, body: request.body }, tx, events)));

  app.delete('/data/comments/:id', {
    schema: { tags: ['comments'], summary: 'Delete a comment (Gazu remove_comment); the task is recomputed', params: CommentIdParam },
  }, async (request, reply) => {
    await inTransaction(app.deps, (tx, events) => deleteComment(actorOf(request), { commentId: request.params.id }, tx, events));
    return reply.status(204).send();
  });

  app.post('/actions/tasks/:taskId/comments/:commentId/move', {
    // The role is checked before the body, as Zou does: an artist gets 403 whatever he sends.
    preValidation: async (request) => requireMoveRole(actorOf(request)),
    schema: {
      tags: ['comments'],
      summary: 'Move a comment to another task of the same entity (Gazu move_comment_to_task); managers and admins',
      params: TaskCommentParams,
      body: MoveCommentBody,
      response: { 200: CommentWithRelations },
    },
  }, async (request) =>
    inTransaction(app.deps, (tx, events) =>
      moveComment(actorOf(request), { ...request.params, targetTaskId: request.body.target_task_id }, tx, events)));

  app.post('/data/tasks/:taskId/comments/:commentId/ack', {
    schema: {
      tags: ['comments'],
      summary: 'Acknowledge a comment, or take the acknowledgement back (toggle)',
      params: TaskCommentParams,
      response: { 200: CommentWithRelations },
    },
  }, async (request) => inTransaction(app.deps, (tx, events) => acknowledgeComment(actorOf(request), request.params, tx, events)));

  app.post('/data/tasks/:taskId/comments/:commentId/reply', {
    schema: { tags: ['comments'], summary: 'Reply to a comment', params: TaskCommentParams, body: ReplyBody, response: { 200: Reply } },
  }, async (request) =>
    inTransaction(app.deps, (tx, events) =>
      replyToComment(actorOf(request), { ...request.params, text: request.body.text ?? '' }, tx, events)));

  app.delete('/data/tasks/:taskId/comments/:commentId/reply/:replyId', {
    schema: { tags: ['comments'], summary: 'Delete a reply (its author or an admin)', params: ReplyParams, response: { 200: CommentRow } },
  }, async (request) => inTransaction(app.deps, (tx, events) => deleteReply(actorOf(request), request.params, tx, events)));
};
