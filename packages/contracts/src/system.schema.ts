import { Type, type Static } from 'typebox';

export const ApiInfo = Type.Object({ api: Type.String(), version: Type.String() });
export const ServerStatus = Type.Object({
  name: Type.String(),
  version: Type.String(),
  database_up: Type.Boolean(),
});

/**
 * `GET config`: what the web app needs before anyone logs in. Zou's keys (the Kitsu client reads them
 * at start-up) plus Rushes' single sign-on button.
 */
export const AppConfig = Type.Object({
  is_self_hosted: Type.Boolean(),
  crisp_token: Type.String(),
  dark_theme_by_default: Type.Boolean(),
  indexer_configured: Type.Boolean(),
  saml_enabled: Type.Boolean(),
  saml_idp_name: Type.String(),
  default_locale: Type.String(),
  default_timezone: Type.String(),
  oidc_enabled: Type.Boolean(),
  oidc_label: Type.String({ description: 'Text of the login page\'s single sign-on button ("" when SSO is off)' }),
});
export type AppConfig = Static<typeof AppConfig>;
