export { JobQueue, type JobContext, type JobDefinition, type JobQueueOptions } from './job-queue.ts';
