import { AppError, errors } from '../../platform/errors/index.ts';

/** The CRUD failures with Zou's own texts, built on the platform catalogue (one place for the wording). */
export const crudErrors = {
  emailInUse: () => errors.badRequest('Email already in use.'),
  invalidEmail: (email: string) => errors.badRequest(`Invalid email address: ${email}`),
  invalidRole: (role: string) => errors.badRequest(`Invalid role: ${role}`),
  invalidCountry: (country: string) => errors.badRequest(`Invalid country code: ${country}`),
  invalidTimezone: (timezone: string) => errors.badRequest(`Unknown time zone: ${timezone}. Use an IANA name such as Europe/Paris.`),
  invalidLocale: (locale: string) => errors.badRequest(`Invalid locale: ${locale}. Use a language tag such as en_US or fr_FR.`),
  passwordTooShort: () => errors.badRequest('Password is too short.'),
  expirationInPast: () => errors.badRequest('Expiration date can not be in the past.'),
  userLimitReached: (limit: number) => errors.badRequest('User limit reached.', { limit }),
  personStillLinked: () => errors.badRequest('Some data are still linked to given person.'),
  onlyClosedProjects: () => new AppError(400, 'project_open', 'Only closed projects can be deleted'),
  entityTypeExists: () => errors.badRequest('Entity type with this name already exists'),
  taskTypeExists: () => errors.badRequest('A task type with similar name already exists'),
  taskTypeAttached: (projects: string[]) =>
    errors.badRequest(
      `Task type is attached to projects (${projects.join(', ')}). Re-issue the request with force=true to detach.`,
    ),
  taskTypeInUse: (tasks: number) => errors.badRequest(`Task type is used by ${tasks} task(s). Delete them first.`),
  taskTypeMismatch: () => errors.badRequest('Task type of the task does not match entity type.'),
  taskProjectMismatch: () => errors.badRequest("The task's project must be the project of its entity."),
  taskExists: () => errors.badRequest('Task already exists.'),
  taskHasWork: () =>
    errors.badRequest('This task has comments, time spents or files. Re-issue the request with force=true to delete them too.'),
  dayOffExists: () => errors.badRequest('Day off already exists for this period'),
  scheduleItemExists: () => errors.badRequest('A similar schedule item already exists'),
  metadataDescriptorExists: () => errors.badRequest('A metadata descriptor with this name or field name already exists.'),
} as const;
