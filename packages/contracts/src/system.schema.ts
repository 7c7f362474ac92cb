import { Type } from 'typebox';

export const ApiInfo = Type.Object({ api: Type.String(), version: Type.String() });
export const ServerStatus = Type.Object({
  name: Type.String(),
  version: Type.String(),
  database_up: Type.Boolean(),
});
