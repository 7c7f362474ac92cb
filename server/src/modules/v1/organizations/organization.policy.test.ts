import { describe, expect, it } from 'vitest';
import type { Actor, Role } from '../../../platform/auth/actor.ts';
import { ITEM_RULES, mayActOnOrganization, type ItemAction, type OrganizationAction } from './organization.policy.ts';

const actor = (role: Role): Actor => ({
  id: 'p', role, isBot: false, identityType: 'person', sessionId: 's', departmentIds: [], email: null, fullName: 'P',
});

type Who = 'studio admin' | 'owner' | 'admin' | 'member' | 'outsider';
const organizationRole = (who: Who) => (who === 'owner' || who === 'admin' || who === 'member' ? who : null);

describe('organization policy', () => {
  // role -> [read, update, delete, manage-members, grant-owner]
  const table: Record<Who, boolean[]> = {
    'studio admin': [true, true, true, true, true],
    owner: [true, true, true, true, true],
    admin: [true, true, false, true, false],
    member: [true, false, false, false, false],
    outsider: [false, false, false, false, false],
  };
  const actions: OrganizationAction[] = ['read', 'update', 'delete', 'manage-members', 'grant-owner'];
  for (const [who, expected] of Object.entries(table) as Array<[Who, boolean[]]>) {
    it(`${who}: ${actions.map((a, i) => `${a}=${expected[i]}`).join(', ')}`, () => {
      const caller = actor(who === 'studio admin' ? 'admin' : 'user');
      expect(actions.map((action) => mayActOnOrganization(caller, organizationRole(who), action))).toEqual(expected);
    });
  }
});

describe('item policy (set designs, subjects, shot types, background presets)', () => {
  // [who, owns the item] -> [read, create, update, delete, transfer]
  const table: Array<[Who, boolean, boolean[]]> = [
    ['studio admin', false, [true, true, true, true, true]],
    ['owner', false, [true, true, true, true, true]],
    ['admin', false, [true, true, true, true, true]],
    ['member', false, [true, true, true, false, false]],
    ['member', true, [true, true, true, true, true]],
    ['outsider', true, [true, true, true, true, true]],
    ['outsider', false, [false, false, false, false, false]],
  ];
  const actions: ItemAction[] = ['read', 'create', 'update', 'delete', 'transfer'];
  for (const [who, itemOwner, expected] of table) {
    it(`${who}${itemOwner ? ' owning the item' : ''}: ${actions.map((a, i) => `${a}=${expected[i]}`).join(', ')}`, () => {
      const relation = { studioAdmin: who === 'studio admin', itemOwner, organizationRole: organizationRole(who) };
      expect(actions.map((action) => ITEM_RULES[action](relation))).toEqual(expected);
    });
  }
});
