import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { GuessFromPathBody, IdParam, PathGuess, SetFileTreeBody } from '../../../../packages/contracts/src/files.schema.ts';
import { ProjectRow } from '../../../../packages/contracts/src/projects.schema.ts';
import { guessFromPath, setFileTree } from './file-tree.service.ts';

const tags = ['files'];

/** Project file trees (§8.8): bundled trees, and reading a path back into production ids. */
export const fileTreeRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/actions/projects/:id/set-file-tree', {
    schema: {
      tags, summary: 'Give a project a bundled file tree ("default" or "simple"; manager of the project)',
      description: 'A custom tree is set with PUT data/projects/<id> {file_tree}.',
      params: IdParam, body: SetFileTreeBody, response: { 200: ProjectRow },
    },
  }, async (request) =>
    inTransaction(app.deps, (tx, events) => setFileTree(actorOf(request), { projectId: request.params.id, treeName: request.body.tree_name }, tx, events)));

  const guess = {
    schema: {
      tags, summary: 'The templates of the project tree a folder path fits, with the ids it names (team member)',
      body: GuessFromPathBody, response: { 200: Type.Array(PathGuess) },
    },
  };
  app.post('/data/entities/guess-from-path', guess, async (request) => guessFromPath(actorOf(request), request.body, app.deps.db));
  // Zou keeps the snake_case alias because Gazu still posts it.
  app.post('/data/entities/guess_from_path', guess, async (request) => guessFromPath(actorOf(request), request.body, app.deps.db));
};
