import type { FastifyPluginAsyncTypebox } from '@fastify/type-provider-typebox';
import {
  AddDepartmentHardwareItemBody, AddDepartmentSoftwareBody, DepartmentHardwareItemLink, DepartmentHardwareItemParams, DepartmentParams,
  DepartmentSoftwareLink, DepartmentSoftwareParams, HardwareItemList, HardwareItemsByDepartment, SoftwareByDepartment, SoftwareLicenceList,
} from '../../../../packages/contracts/src/departments.schema.ts';
import { actorOf } from '../../platform/auth/authenticate.ts';
import {
  departmentHardwareItems, departmentSoftware, hardwareItemsByDepartment, linkEquipment, softwareByDepartment, unlinkEquipment,
} from './department-equipment.service.ts';

const tags = ['departments'];

/**
 * The software licences and hardware items of departments (#14), admins only. The static
 * `data/departments/software-licenses` and `.../hardware-items` win over CRUD's `data/departments/<id>`.
 */
export const departmentEquipmentRoutes: FastifyPluginAsyncTypebox = async (app) => {
  const deps = app.deps;

  app.get('/data/departments/software-licenses', {
    schema: { tags, summary: "Every department's software licences, keyed by department id (admin)", response: { 200: SoftwareByDepartment } },
  }, async (request) => softwareByDepartment(deps, actorOf(request)));

  app.get('/data/departments/:department_id/software-licenses', {
    schema: { tags, summary: "A department's software licences (admin)", params: DepartmentParams, response: { 200: SoftwareLicenceList } },
  }, async (request) => departmentSoftware(deps, actorOf(request), request.params.department_id));

  app.post('/data/departments/:department_id/software-licenses', {
    schema: {
      tags, summary: 'Link a software licence to a department (admin)', params: DepartmentParams, body: AddDepartmentSoftwareBody,
      response: { 201: DepartmentSoftwareLink },
    },
  }, async (request, reply) => {
    const link = await linkEquipment(deps, actorOf(request), 'software', request.params.department_id, request.body.software_id);
    return reply.status(201).send({ department_id: link.department_id, software_id: link.item_id });
  });

  app.delete('/data/departments/:department_id/software-licenses/:software_id', {
    schema: { tags, summary: 'Unlink a software licence from a department (admin)', params: DepartmentSoftwareParams },
  }, async (request, reply) => {
    await unlinkEquipment(deps, actorOf(request), 'software', request.params.department_id, request.params.software_id);
    return reply.status(204).send();
  });

  app.get('/data/departments/hardware-items', {
    schema: { tags, summary: "Every department's hardware items, keyed by department id (admin)", response: { 200: HardwareItemsByDepartment } },
  }, async (request) => hardwareItemsByDepartment(deps, actorOf(request)));

  app.get('/data/departments/:department_id/hardware-items', {
    schema: { tags, summary: "A department's hardware items (admin)", params: DepartmentParams, response: { 200: HardwareItemList } },
  }, async (request) => departmentHardwareItems(deps, actorOf(request), request.params.department_id));

  app.post('/data/departments/:department_id/hardware-items', {
    schema: {
      tags, summary: 'Link a hardware item to a department (admin)', params: DepartmentParams, body: AddDepartmentHardwareItemBody,
      response: { 201: DepartmentHardwareItemLink },
    },
  }, async (request, reply) => {
    const link = await linkEquipment(deps, actorOf(request), 'hardware-items', request.params.department_id, request.body.hardware_item_id);
    return reply.status(201).send({ department_id: link.department_id, hardware_item_id: link.item_id });
  });

  app.delete('/data/departments/:department_id/hardware-items/:hardware_item_id', {
    schema: { tags, summary: 'Unlink a hardware item from a department (admin)', params: DepartmentHardwareItemParams },
  }, async (request, reply) => {
    await unlinkEquipment(deps, actorOf(request), 'hardware-items', request.params.department_id, request.params.hardware_item_id);
    return reply.status(204).send();
  });
};
