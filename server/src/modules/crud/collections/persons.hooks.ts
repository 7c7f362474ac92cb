import { normaliseRole } from '../../../platform/auth/actor.ts';
import { hashPassword } from '../../../platform/auth/password.ts';
import { errors } from '../../../platform/errors/index.ts';
import { deletePersonData, personHasMemberships } from '../cascade.repository.ts';
import { crudErrors } from '../crud.errors.ts';
import type { HookContext, Hooks, Row } from '../crud.types.ts';
import { countActiveUsers } from '../model-rules.repository.ts';

/** Keys a person may not change on his own record (admins may): silently dropped. */
const ADMIN_ONLY_KEYS = ['is_bot', 'is_guest', 'archived', 'daily_salary', 'contract_type', 'studio_id', 'shotgun_id',
  'is_generated_from_ldap', 'ldap_uid', 'login_failed_attemps'];
/** Keys whose change by a non-admin is refused with 403 rather than ignored. */
const FORBIDDEN_SELF_CHANGES = ['role', 'active'];

const today = () => new Date().toISOString().slice(0, 10);

/** Email lower-cased and checked, role aliases resolved, country upper-cased (§2.2). */
function normaliseIdentity(values: Row): void {
  if (typeof values.email === 'string') {
    const email = values.email.trim().toLowerCase();
    if (!/^[^@\s]+@[^@\s]+\.[^@\s]+$/.test(email)) throw crudErrors.invalidEmail(values.email);
    values.email = email;
  }
  if (typeof values.role === 'string') {
    const role = normaliseRole(values.role);
    if (!role) throw crudErrors.invalidRole(values.role);
    values.role = role;
  }
  if (typeof values.country === 'string' && values.country !== '') {
    const country = values.country.trim().toUpperCase();
    if (!/^[A-Z]{2}$/.test(country)) throw crudErrors.invalidCountry(values.country);
    values.country = country;
  } else if (values.country === '') values.country = null;
  if (typeof values.expiration_date === 'string' && values.expiration_date < today()) throw crudErrors.expirationInPast();
  if (typeof values.timezone === 'string' && !isTimeZone(values.timezone)) throw crudErrors.invalidTimezone(values.timezone);
  if (typeof values.locale === 'string' && !isLocale(values.locale)) throw crudErrors.invalidLocale(values.locale);
}

/** An IANA zone the runtime knows (links such as America/Montreal included), kept as the person wrote it. */
function isTimeZone(value: string): boolean {
  if (value.trim() === '') return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

/** Zou's form, "en_US" (a dash is accepted too): a language tag Intl understands. */
function isLocale(value: string): boolean {
  if (!/^[A-Za-z]{2,3}([_-][A-Za-z0-9]{2,8})*$/.test(value)) return false;
  try {
    return Intl.getCanonicalLocales(value.replace(/_/g, '-')).length === 1;
  } catch {
    return false;
  }
}

async function assertUnderUserLimit(ctx: HookContext): Promise<void> {
  const limit = ctx.deps.config.userLimit;
  if ((await countActiveUsers(ctx.tx)) >= limit) throw crudErrors.userLimitReached(limit);
}

const countsAgainstLimit = (person: Row) => person.active !== false && person.is_bot !== true && person.is_guest !== true;

export const personHooks: Hooks = {
  async beforeCreate(ctx, values) {
    normaliseIdentity(values);
    if (values.password !== undefined && values.password !== null) {
      if (typeof values.password !== 'string' || values.password.length < ctx.deps.config.minPasswordLength) {
        throw crudErrors.passwordTooShort();
      }
      values.password = await hashPassword(values.password);
    }
    if (countsAgainstLimit(values)) await assertUnderUserLimit(ctx);
  },

  /** A bot gets its API token in the creation response (§1.4). */
  async afterCreate(ctx, id, values) {
    if (values.is_bot !== true) return;
    const expiration = typeof values.expiration_date === 'string' ? values.expiration_date : null;
    const token = await ctx.deps.tokens.issueApiToken({ id, is_bot: true, expiration_date: expiration }, ctx.tx);
    return { responseExtra: { access_token: token } };
  },

  async beforeUpdate(ctx, current, changes, links) {
    if (ctx.actor.role !== 'admin') {
      for (const key of ADMIN_ONLY_KEYS) delete changes[key];
      delete links.departments;
    }
    normaliseIdentity(changes);
    if (ctx.actor.role !== 'admin') {
      for (const key of FORBIDDEN_SELF_CHANGES) {
        if (key in changes && changes[key] !== current[key]) throw errors.forbidden();
      }
    }
    const reactivated = changes.active === true && current.active === false;
    if (reactivated && countsAgainstLimit({ ...current, ...changes })) await assertUnderUserLimit(ctx);
  },

  /** Deactivation ends every session; an `expiration_date` key issues a new API token (the old one dies). */
  async afterUpdate(ctx, current, changes) {
    const id = String(current.id);
    if (changes.active === false && current.active !== false) {
      await ctx.deps.tokens.revokeAllSessions(id, { executor: ctx.tx });
    }
    if (!('expiration_date' in changes)) return;
    const expiration = changes.expiration_date ?? null;
    const token = await ctx.deps.tokens.issueApiToken(
      { id, is_bot: Boolean(changes.is_bot ?? current.is_bot), expiration_date: typeof expiration === 'string' ? expiration : null },
      ctx.tx,
    );
    return { responseExtra: { access_token: token } };
  },

  /** Admins only, never oneself; `force` removes the person's traces, otherwise a linked person stays. */
  async beforeDelete(ctx, current, force) {
    if (current.id === ctx.actor.id) throw errors.forbidden();
    if (force) await deletePersonData(ctx.tx, String(current.id));
    else if (await personHasMemberships(ctx.tx, String(current.id))) throw crudErrors.personStillLinked();
  },
};
