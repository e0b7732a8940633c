import { markRaw } from 'vue';
import { type RouteRecordRaw } from 'vue-router';
import { Document, MapLocation, Timer, User } from '@element-plus/icons-vue';
import { PERMISSIONS } from '@app/contracts';

// Who may open a page comes from the permission table the api's guard reads (libs/contracts/src/permissions.ts).

// Children of the app layout.
export const adminRoutes: RouteRecordRaw[] = [
  {
    path: 'admin/users',
    name: 'admin-users',
    component: () => import('@/views/admin/users/index.vue'),
    meta: {
      titleKey: 'menu.users',
      roles: PERMISSIONS['users.manage'].roles,
      menu: { group: 'admin', order: 10, icon: markRaw(User) },
      homeOrder: 10,
    },
  },
  {
    path: 'admin/divisions',
    name: 'admin-divisions',
    component: () => import('@/views/admin/divisions/index.vue'),
    // Everyone may open it: admins edit, other roles read their own scope.
    meta: {
      titleKey: 'menu.divisions',
      menu: { group: 'data', order: 30, icon: markRaw(MapLocation) },
    },
  },
  {
    path: 'admin/audit',
    name: 'admin-audit',
    component: () => import('@/views/admin/audit/index.vue'),
    meta: {
      titleKey: 'menu.audit',
      roles: PERMISSIONS['audit.read'].roles,
      menu: { group: 'admin', order: 20, icon: markRaw(Document) },
    },
  },
  {
    path: 'admin/jobs',
    name: 'admin-jobs',
    component: () => import('@/views/admin/jobs/index.vue'),
    meta: {
      titleKey: 'menu.jobs',
      roles: PERMISSIONS['jobs.manage'].roles,
      menu: { group: 'admin', order: 30, icon: markRaw(Timer) },
    },
  },
];
