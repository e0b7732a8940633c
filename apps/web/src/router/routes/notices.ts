import { markRaw } from 'vue';
import { type RouteRecordRaw } from 'vue-router';
import { Bell, Document, Message, Promotion } from '@element-plus/icons-vue';
import { PERMISSIONS } from '@app/contracts';

// Children of the app layout: 月度简报, and the notices (channels, deliveries, one's own subscription).
export const noticesRoutes: RouteRecordRaw[] = [
  {
    path: 'briefs',
    name: 'briefs',
    component: () => import('@/views/briefs/index.vue'),
    meta: { titleKey: 'briefs.title', menu: { group: 'kpi', order: 3, icon: markRaw(Document) } },
  },
  {
    path: 'briefs/:id',
    name: 'brief',
    component: () => import('@/views/briefs/detail.vue'),
    meta: { titleKey: 'briefs.title' },
  },
  {
    path: 'notify/channels',
    name: 'notify-channels',
    component: () => import('@/views/notify/channels.vue'),
    meta: { titleKey: 'notify.channels.title', roles: PERMISSIONS['notify.channels'].roles, menu: { group: 'data', order: 60, icon: markRaw(Promotion) } },
  },
  {
    path: 'notify/deliveries',
    name: 'notify-deliveries',
    component: () => import('@/views/notify/deliveries.vue'),
    meta: { titleKey: 'notify.deliveries.title', roles: PERMISSIONS['notify.deliveries'].roles, menu: { group: 'data', order: 61, icon: markRaw(Message) } },
  },
  {
    path: 'notify/subscription',
    name: 'notify-subscription',
    component: () => import('@/views/notify/subscription.vue'),
    meta: { titleKey: 'notify.subscription.title', menu: { group: 'account', order: 95, icon: markRaw(Bell) } },
  },
];
