import { createApp } from 'vue';
import { createPinia } from 'pinia';
import App from './App.vue';
import { router } from './router';
import { http } from './lib/http';
import { useAuthStore } from './features/auth/auth.store';
import { resetSessionStores } from './features/shell/session-reset';
import { startLiveUpdates } from './features/live/live-updates';
import './styles/main.css';

const app = createApp(App);
app.use(createPinia());
app.use(router);

// A session that cannot be refreshed any more: back to the login page, then to the same page.
http.onSessionExpired(() => {
  const auth = useAuthStore();
  if (auth.state !== 'authenticated') return;
  auth.sessionExpired();
  resetSessionStores();
  const current = router.currentRoute.value;
  if (!current.meta.public) void router.push({ name: 'login', query: { redirect: current.fullPath } });
});

// Opens the live connection at sign-in and closes it at sign-out.
startLiveUpdates();

app.mount('#app');
