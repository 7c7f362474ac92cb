import type { Collection } from '../crud.types.ts';
import { attachmentFiles, comments, news, notifications, subscriptions } from './comments.collection.ts';
import { entities, entityLinks } from './entities.collection.ts';
import { events } from './events.collection.ts';
import { outputFiles, previewFiles, workingFiles } from './files.collection.ts';
import { persons } from './persons.collection.ts';
import { projects } from './projects.collection.ts';
import { departments, fileStatus, organisations, outputTypes, projectStatus, softwares, studios } from './reference.collection.ts';
import { assetTypes, entityTypes, taskStatus, taskTypes } from './reference-types.collection.ts';
import { dayOffs, metadataDescriptors, milestones, scheduleItems, timeSpents } from './schedule.collection.ts';
import { customActions, hardwareItems, previewBackgroundFiles, statusAutomations } from './studio-settings.collection.ts';
import { tasks } from './tasks.collection.ts';

/** Every collection served under `data/` (§3.1). */
export const collections: Collection[] = [
  persons, projects, projectStatus, departments, taskTypes, taskStatus, tasks, entityTypes, assetTypes, entities,
  comments, timeSpents, previewFiles, workingFiles, outputFiles, outputTypes, softwares, fileStatus, notifications,
  subscriptions, dayOffs, milestones, scheduleItems, metadataDescriptors, organisations, studios, news,
  attachmentFiles, entityLinks, events, hardwareItems, customActions, statusAutomations,
  previewBackgroundFiles,
];
