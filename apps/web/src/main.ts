import { createApp } from 'vue';
import { createPinia } from 'pinia';
import { ElMessage } from 'element-plus';
import 'element-plus/dist/index.css';
import './styles/index.css';
import App from './App.vue';
import { configureHttp } from './api/http';
import { i18n, t } from './locales';
import { router } from './router';
import { useAuthStore } from './stores/auth';
import { usePreferencesStore } from './stores/preferences';

const app = createApp(App);
const pinia = createPinia();
app.use(pinia);
app.use(i18n);
usePreferencesStore(pinia);

const auth = useAuthStore(pinia);

// A refused token (401) or a token that runs out ends the session and returns to sign-in,
// remembering where the user was so they come back to it.
function endSession(): void {
  auth.clearSession();
  const current = router.currentRoute.value;
  // During the first navigation the guard does the redirect itself.
  if (current.matched.length === 0 || current.name === 'login') return;
  ElMessage.warning({ message: t('header.sessionExpired'), grouping: true });
  void router.replace({ name: 'login', query: { redirect: current.fullPath, reason: 'expired' } });
}

configureHttp({ getToken: () => auth.token, onUnauthorized: endSession });
auth.onSessionExpired(endSession);

app.use(router);
void router.isReady().then(() => app.mount('#app'));
