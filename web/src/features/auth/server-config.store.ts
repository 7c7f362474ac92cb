import { defineStore } from 'pinia';
import { shallowRef } from 'vue';
import { fetchServerConfig, type ServerConfig } from './sso.api';

/** The server's public settings, asked for once: they only change when the server restarts. */
export const useServerConfigStore = defineStore('server-config', () => {
  const config = shallowRef<ServerConfig | null>(null);
  let loading: Promise<void> | null = null;

  /** Never throws: without the settings the login page simply shows no SSO button. */
  function load(): Promise<void> {
    if (config.value) return Promise.resolve();
    loading ??= fetchServerConfig()
      .then((loaded) => {
        config.value = loaded;
      })
      .catch(() => undefined)
      .finally(() => {
        loading = null;
      });
    return loading;
  }

  return { config, load };
});
