import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  ChangePasswordBody,
  ErrorResponse,
  ResetPasswordBody,
  ResetPasswordRequestBody,
  ResetPasswordRequestResponse,
  SuccessResponse,
} from '../../../../packages/contracts/src/auth.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import { requestPasswordReset, resetPasswordWithToken } from './password-reset.service.ts';
import { changeOwnPassword } from './password.service.ts';

const tags = ['auth'];

/** The signed-in person's own password, and the forgotten-password flow (§1.3). */
export const passwordRoutes: FastifyPluginAsyncTypebox = async (app) => {
  app.post('/auth/change-password', {
    config: { access: 'person' },
    schema: {
      tags, summary: 'Change your own password; your other sessions end',
      body: ChangePasswordBody, response: { 200: SuccessResponse, 400: ErrorResponse },
    },
  }, async (request) => {
    await changeOwnPassword(app.deps, actorOf(request), request.body, { ip: request.ip });
    return { success: true as const };
  });

  app.post('/auth/reset-password', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'Ask for a password reset email (always answers the same)', security: [],
      body: ResetPasswordRequestBody, response: { 200: ResetPasswordRequestResponse, 429: ErrorResponse },
    },
  }, async (request) => {
    await requestPasswordReset(app.deps, request.body, { ip: request.ip });
    return { success: 'Reset token sent' as const };
  });

  app.put('/auth/reset-password', {
    config: { access: 'public' },
    schema: {
      tags, summary: 'Set a new password with an emailed reset or invitation token; all sessions end', security: [],
      body: ResetPasswordBody, response: { 200: SuccessResponse, 400: ErrorResponse },
    },
  }, async (request) => {
    await resetPasswordWithToken(app.deps, request.body);
    return { success: true as const };
  });

  // Mails still being prepared or sent finish before the database closes under them.
  app.addHook('onClose', async () => app.deps.mailer.close());
};
