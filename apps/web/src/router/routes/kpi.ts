import { markRaw } from 'vue';
import { type RouteRecordRaw } from 'vue-router';
import { Aim, DataBoard, Monitor, Trophy } from '@element-plus/icons-vue';

// Children of the app layout: the monthly panel (home of district and city users), ranking, targets.
export const kpiRoutes: RouteRecordRaw[] = [
  {
    path: 'panel',
    name: 'panel',
    component: () => import('@/views/panel/index.vue'),
    meta: {
      titleKey: 'menu.panel',
      menu: { group: 'kpi', order: 1, icon: markRaw(DataBoard) },
      // After admin-users (10) so administrators keep their home; first for every other role.
      homeOrder: 20,
    },
  },
  {
    path: 'ranking',
    name: 'ranking',
    component: () => import('@/views/ranking/index.vue'),
    meta: {
      titleKey: 'menu.ranking',
      menu: { group: 'kpi', order: 2, icon: markRaw(Trophy) },
    },
  },
  {
    path: 'targets',
    name: 'targets',
    component: () => import('@/views/targets/index.vue'),
    // City and admin edit; district users read their own division's targets.
    meta: {
      titleKey: 'menu.targets',
      menu: { group: 'kpi', order: 4, icon: markRaw(Aim) },
    },
  },
];

// Outside the app layout: the full-screen meeting-room view has no menu.
export const screenRoutes: RouteRecordRaw[] = [
  {
    path: '/screen',
    name: 'screen',
    component: () => import('@/views/screen/index.vue'),
    meta: {
      titleKey: 'menu.screen',
      roles: ['admin', 'city', 'leader'],
      menu: { group: 'kpi', order: 3, icon: markRaw(Monitor) },
    },
  },
];
