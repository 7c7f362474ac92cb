/**
 * The API's shapes, declared once in packages/contracts (TypeBox) and imported here as types only:
 * nothing of the schemas reaches the bundle.
 */
import type { Static } from 'typebox';
import type {
  AuthenticatedResponse as AuthenticatedSchema,
  LoginSuccess as LoginSuccessSchema,
  SessionUser as SessionUserSchema,
} from '@contracts/auth.schema.ts';
import type { TeamMember as TeamMemberSchema } from '@contracts/projects.schema.ts';
import type { FullTask as FullTaskSchema, TaskStatusRow as TaskStatusRowSchema, TaskTypeRow as TaskTypeRowSchema } from '@contracts/tasks.schema.ts';
import type { TaskComment as TaskCommentSchema, CreatedComment as CreatedCommentSchema } from '@contracts/comments.schema.ts';
import type {
  OpenProject as OpenProjectSchema,
  ProjectCapabilities as ProjectCapabilitiesSchema,
  UserContext as UserContextSchema,
  TodoRow as TodoRowSchema,
} from '@contracts/user.schema.ts';
import type { TimeSpentRow as TimeSpentRowSchema } from '@contracts/time-spents.schema.ts';
import type { EntityTaskRow as EntityTaskRowSchema } from '@contracts/tasks.schema.ts';
import type { PersonRow as PersonRowSchema, DepartmentRow as DepartmentRowSchema } from '@contracts/models/people.schema.ts';
import type { ProjectRow as ProjectRowSchema, ProjectStatusRow as ProjectStatusRowSchema } from '@contracts/models/projects.schema.ts';

export type { AllTaskStatuses, CustomTaskStatus, SystemTaskStatus, TaskStatusMutationResult } from '@contracts/task-statuses.schema.ts';
export type { TaskStatusInfo, BulkShotTasksBody, BulkAssetTasksBody } from '@contracts/studio-tasks.schema.ts';
export type { Timeline, TimelineTask, TimelineMilestone, ScheduleRisk, TimelineGroupBy } from '@contracts/schedule.schema.ts';

export type SessionUser = Static<typeof SessionUserSchema>;
export type AuthenticatedResponse = Static<typeof AuthenticatedSchema>;
export type LoginSuccess = Static<typeof LoginSuccessSchema>;
export type UserContext = Static<typeof UserContextSchema>;
export type ProjectCapabilities = Static<typeof ProjectCapabilitiesSchema>;
/** An open project: its links, plus every project column (the route sends them all). */
export type OpenProject = Static<typeof OpenProjectSchema> & Partial<Pick<Project, 'start_date' | 'end_date' | 'description' | 'production_type'>>;
export type TodoRow = Static<typeof TodoRowSchema>;
export type FullTask = Static<typeof FullTaskSchema>;
export type TaskStatusRow = Static<typeof TaskStatusRowSchema>;
export type TaskTypeRow = Static<typeof TaskTypeRowSchema>;
export type TaskComment = Static<typeof TaskCommentSchema>;
export type CreatedComment = Static<typeof CreatedCommentSchema>;
export type TimeSpentRow = Static<typeof TimeSpentRowSchema>;
export type EntityTaskRow = Static<typeof EntityTaskRowSchema>;
export type TeamMember = Static<typeof TeamMemberSchema>;
export type Person = Static<typeof PersonRowSchema> & { departments?: string[] };
export type Department = Static<typeof DepartmentRowSchema>;
export type Project = Static<typeof ProjectRowSchema>;
export type ProjectStatus = Static<typeof ProjectStatusRowSchema>;

/** `GET /api/data/shots/with-tasks` and `GET /api/data/assets/with-tasks`: one row per entity with its tasks. */
export type { AssetWithTasks, EntityTaskSummary, ShotWithTasks } from '@contracts/breakdown-with-tasks.schema.ts';
