import { recordAudit } from '../../platform/audit/audit.ts';
import type { LoginTokens } from '../../platform/auth/token-service.ts';
import type { Tx } from '../../platform/db/database.ts';
import { inTransaction } from '../../platform/db/unit-of-work.ts';
import { pgErrorCode } from '../../platform/errors/index.ts';
import type { DomainEvent } from '../../platform/events/event-bus.ts';
import type { AppDeps } from '../../platform/http/types.ts';
import type { OidcConfig } from '../../platform/oidc-config.ts';
import { presentPerson } from '../persons/person.presenter.ts';
import { countActiveUsers } from '../crud/model-rules.repository.ts';
import type { PersonRow } from './auth.repository.ts';
import { insertLoginLog } from './auth.repository.ts';
import type { ClientInfo } from './auth.service.ts';
import { SsoLoginError } from './oidc.errors.ts';
import {
  findHumanByEmail,
  findPersonByIdentity,
  hasIdentityAt,
  insertProvisionedPerson,
  linkIdentity,
  touchIdentity,
} from './oidc.repository.ts';

/** What the provider says about the account that signed in (ID token, completed by userinfo). */
export interface ProviderProfile {
  issuer: string;
  subject: string;
  /** Lower-cased; undefined when missing or not an address. */
  email: string | undefined;
  /** Undefined when the provider does not send the claim. */
  emailVerified: boolean | undefined;
  firstName: string | undefined;
  lastName: string | undefined;
}

/**
 * Opens a browser session for the provider account, in one transaction with the account link it
 * needs: the person already linked to this issuer + subject; else the person with the same e-mail,
 * linked from now on; else, with auto-provisioning, a new person. Bots and deactivated people never
 * sign in. The session is the one a browser password login opens (origin `web`, login log row).
 */
export async function openSsoSession(deps: AppDeps, oidc: OidcConfig, profile: ProviderProfile, client: ClientInfo): Promise<LoginTokens> {
  try {
    return await inTransaction(deps, async (tx, events) => {
      const person = await personFor(deps, tx, events, oidc, profile);
      if (!person.active || person.is_bot) throw new SsoLoginError('inactive');
      const tokens = await deps.tokens.issueLoginTokens(person.id, 'web', tx);
      await insertLoginLog(tx, { personId: person.id, ip: client.ip, origin: 'web' });
      return tokens;
    });
  } catch (error) {
    // Two first sign-ins of the same account (or e-mail) at once: the unique keys let one of them win.
    if (pgErrorCode(error) === '23505') throw new SsoLoginError('identity_conflict', error);
    throw error;
  }
}

async function personFor(deps: AppDeps, tx: Tx, events: DomainEvent[], oidc: OidcConfig, profile: ProviderProfile): Promise<PersonRow> {
  const linked = await findPersonByIdentity(tx, profile.issuer, profile.subject);
  if (linked) {
    // The subject is the identity: the e-mail may have changed at the provider, it is only recorded.
    await touchIdentity(tx, profile.issuer, profile.subject, profile.email);
    return linked;
  }
  // From here the e-mail decides who this is, so it has to be one the provider vouches for.
  if (!profile.email) throw new SsoLoginError('email_missing');
  if (profile.emailVerified === false) throw new SsoLoginError('email_unverified');

  const existing = await findHumanByEmail(tx, profile.email);
  if (existing) {
    if (!existing.active) throw new SsoLoginError('inactive');
    // Linked to another account of this provider: a new account that took the e-mail is not that person.
    if (await hasIdentityAt(tx, existing.id, profile.issuer)) throw new SsoLoginError('identity_conflict');
    await link(tx, existing.id, profile);
    return existing;
  }
  if (!oidc.autoProvision) throw new SsoLoginError('unknown_account');
  if ((await countActiveUsers(tx)) >= deps.config.userLimit) throw new SsoLoginError('user_limit');
  const created = await insertProvisionedPerson(tx, {
    email: profile.email,
    firstName: (profile.firstName ?? profile.email.split('@')[0]!).slice(0, 80),
    lastName: (profile.lastName ?? '').slice(0, 80),
    role: oidc.defaultRole,
  });
  await recordAudit(tx, { actorId: created.id, action: 'create', objectType: 'person', objectId: created.id, after: presentPerson(created, []) });
  events.push({ name: 'person:new', data: { person_id: created.id }, actorId: created.id });
  await link(tx, created.id, profile);
  return created;
}

async function link(tx: Tx, personId: string, profile: ProviderProfile): Promise<void> {
  await linkIdentity(tx, { personId, issuer: profile.issuer, subject: profile.subject, email: profile.email });
  await recordAudit(tx, {
    actorId: personId,
    action: 'link-sso-identity',
    objectType: 'person',
    objectId: personId,
    after: { issuer: profile.issuer, subject: profile.subject },
  });
}
