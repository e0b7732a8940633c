import { createRouter, createWebHistory, type RouteLocationRaw, type RouteRecordNormalized } from 'vue-router';
import { type Role } from '@app/contracts';
import { t } from '@/locales';
import { useAuthStore } from '@/stores/auth';
import AppLayout from '@/layouts/AppLayout.vue';
import { authRoutes } from './routes/auth';
import { adminRoutes } from './routes/admin';
import { kpiRoutes, screenRoutes } from './routes/kpi';
import { importsRoutes } from './routes/imports';
import { eventsRoutes } from './routes/events';
import { budgetPrintRoutes, budgetRoutes } from './routes/budget';
import { accountRoutes } from './routes/account';
import { noticesRoutes } from './routes/notices';
import { errorRoutes } from './routes/errors';
import './types';

export const router = createRouter({
  history: createWebHistory(import.meta.env.BASE_URL),
  routes: [
    ...authRoutes,
    ...screenRoutes,
    ...budgetPrintRoutes,
    {
      path: '/',
      component: AppLayout,
      children: [
        // `/` has no view of its own: the guard sends it to the first view the role may open.
        { path: '', name: 'home', component: { render: () => null } },
        ...kpiRoutes,
        ...adminRoutes,
        ...eventsRoutes,
        ...budgetRoutes,
        ...importsRoutes,
        ...accountRoutes,
        ...noticesRoutes,
        ...errorRoutes,
      ],
    },
  ],
  scrollBehavior: (_to, _from, saved) => saved ?? { top: 0 },
});

function allows(route: RouteRecordNormalized, role: Role | null): boolean {
  const roles = route.meta.roles;
  return !roles || (!!role && roles.includes(role));
}

const order = (r: RouteRecordNormalized, role: Role | null): number => (role ? r.meta.homeOrderByRole?.[role] : undefined) ?? r.meta.homeOrder ?? 0;

/** The first view a role may open (used for `/` and after sign-in). */
export function homeLocation(role: Role | null): RouteLocationRaw {
  const candidates = router
    .getRoutes()
    .filter((r) => r.meta.homeOrder !== undefined && r.name && allows(r, role))
    .sort((a, b) => order(a, role) - order(b, role));
  return candidates[0]?.name ? { name: candidates[0].name } : { name: 'account' };
}

/** Side-menu entries the current role may open, in menu order. */
export function menuRoutes(role: Role | null): RouteRecordNormalized[] {
  return router
    .getRoutes()
    .filter((r) => r.meta.menu && allows(r, role))
    .sort((a, b) => (a.meta.menu?.order ?? 0) - (b.meta.menu?.order ?? 0));
}

/** Only same-app paths are honoured as a post-login redirect (no open redirects). */
export function safeRedirect(value: unknown): string | null {
  if (typeof value !== 'string' || !value.startsWith('/') || value.startsWith('//')) return null;
  if (value.startsWith('/login')) return null;
  return value;
}

router.beforeEach(async (to) => {
  const auth = useAuthStore();

  if (to.meta.public) {
    if (to.name === 'login' && auth.isSignedIn()) {
      return safeRedirect(to.query.redirect) ?? homeLocation(auth.role);
    }
    return true;
  }

  if (!auth.isSignedIn()) {
    const expired = !!auth.token;
    auth.clearSession();
    const query: Record<string, string> = {};
    if (to.fullPath !== '/') query.redirect = to.fullPath;
    if (expired) query.reason = 'expired';
    return { name: 'login', query };
  }

  await auth.ensureVerified();
  if (!auth.isSignedIn()) return { name: 'login', query: { redirect: to.fullPath, reason: 'expired' } };

  if (to.name === 'home') return homeLocation(auth.role);
  if (!auth.hasRole(to.meta.roles)) {
    return { name: 'forbidden', query: { from: to.fullPath } };
  }
  return true;
});

export function pageTitle(titleKey: string | undefined): string {
  const app = t('app.name');
  return titleKey ? `${t(titleKey)} · ${app}` : app;
}

router.afterEach((to) => {
  document.title = pageTitle(to.meta.titleKey);
});
