import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import { ErrorResponse, PersonIdParams, SetPasswordBody, SuccessResponse } from '../../../../packages/contracts/src/auth.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { setPersonPassword } from './password.service.ts';

/** An admin setting another person's password (§1.3), e.g. for someone locked out. */
export const personPasswordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/actions/persons/:person_id/change-password', {
    schema: {
      tags: ['auth'], summary: "Set a person's password (admin); all the person's sessions end",
      params: PersonIdParams, body: SetPasswordBody, response: { 200: SuccessResponse, 400: ErrorResponse },
    },
  }, async (request) => {
    await setPersonPassword(app.deps, actorOf(request), request.params.person_id, request.body);
    return { success: true as const };
  });
};
