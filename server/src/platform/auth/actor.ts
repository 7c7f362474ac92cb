export const ROLES = ['admin', 'manager', 'supervisor', 'user', 'client', 'vendor'] as const;
export type Role = (typeof ROLES)[number];
export const PROJECT_ROLES = ['user', 'supervisor', 'manager', 'client', 'vendor'] as const;
export type ProjectRole = (typeof PROJECT_ROLES)[number];

/** The studio docs say "coordinator" and "artist" where Zou says "manager" and "user": accept both. */
const ROLE_ALIASES: Record<string, Role> = { coordinator: 'manager', artist: 'user' };

export function normaliseRole(value: string): Role | undefined {
  const lower = value.toLowerCase();
  const role = ROLE_ALIASES[lower] ?? lower;
  return (ROLES as readonly string[]).includes(role) ? (role as Role) : undefined;
}

export type IdentityType = 'person' | 'bot' | 'person_api';

/** Who is calling: loaded from the session and person rows on every authenticated request. */
export interface Actor {
  id: string;
  role: Role;
  isBot: boolean;
  identityType: IdentityType;
  sessionId: string;
  departmentIds: string[];
  email: string | null;
  fullName: string;
  /** 2FA is enforced and this person has none yet: only the 2FA and session routes answer (§1.5). */
  requiresTwoFactorSetup?: boolean;
}

export const isAdmin = (actor: Actor): boolean => actor.role === 'admin';
/** Global manager: admin or manager by global role (no project context). */
export const isGlobalManager = (actor: Actor): boolean => actor.role === 'admin' || actor.role === 'manager';
