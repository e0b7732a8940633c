import { type RouteRecordRaw } from 'vue-router';

// Children of the app layout; the catch-all must stay last.
export const errorRoutes: RouteRecordRaw[] = [
  {
    path: '403',
    name: 'forbidden',
    component: () => import('@/views/errors/Forbidden.vue'),
    meta: { titleKey: 'menu.forbidden' },
  },
  {
    path: ':pathMatch(.*)*',
    name: 'not-found',
    component: () => import('@/views/errors/NotFound.vue'),
    meta: { titleKey: 'menu.notFound' },
  },
];
