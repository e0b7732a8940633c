import { markRaw } from 'vue';
import { type RouteRecordRaw } from 'vue-router';
import { Flag } from '@element-plus/icons-vue';
import { PERMISSIONS } from '@app/contracts';

// Children of the app layout: 科普活动 (list and calendar, form, detail).
const ROLES = ['staff', 'leader', 'city', 'admin'] as const;

export const eventsRoutes: RouteRecordRaw[] = [
  {
    path: 'events',
    name: 'events',
    component: () => import('@/views/events/index.vue'),
    meta: {
      titleKey: 'menu.events',
      roles: ROLES,
      menu: { group: 'data', order: 10, icon: markRaw(Flag) },
      homeOrder: 50,
      homeOrderByRole: { staff: 1 },
    },
  },
  {
    path: 'events/new',
    name: 'events-new',
    component: () => import('@/views/events/EventForm.vue'),
    meta: { titleKey: 'events.newTitle', roles: PERMISSIONS['events.write'].roles },
  },
  {
    path: 'events/:id/edit',
    name: 'events-edit',
    component: () => import('@/views/events/EventForm.vue'),
    meta: { titleKey: 'events.editTitle', roles: PERMISSIONS['events.write'].roles },
  },
  {
    path: 'events/:id',
    name: 'events-detail',
    component: () => import('@/views/events/detail.vue'),
    meta: { titleKey: 'menu.events', roles: ROLES },
  },
];
