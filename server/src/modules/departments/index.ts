import type { FastifyPluginAsync } from 'fastify';
import { departmentEquipmentRoutes } from './department-equipment.routes.ts';

/** Department routes beyond generic CRUD: their software licences and hardware items. Registered from modules/index.ts. */
const departmentsModule: FastifyPluginAsync = async (app) => {
  await app.register(departmentEquipmentRoutes);
};
export default departmentsModule;
