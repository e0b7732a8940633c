import { type Role } from './auth.js';

/**
 * THE permission table: who may do what, where. The api's guard reads it for every request (an
 * operation missing from it is refused), the web's router and menu read it to show only what a role
 * may open, and the access-matrix e2e test reads it to decide the answer of every operation × role
 * × division. Change a right here, and all three follow.
 *
 * Scope — where an allowed role may act:
 * - `public`    no sign-in needed;
 * - `self`      any signed-in user, on their own account or session;
 * - `any`       any signed-in user; data that belongs to no division (the division list, the model, a check);
 * - `division`  the data of a division in the caller's scope: admin every division, a city user the
 *               city and every division under it, leader and staff their own district;
 * - `ranking`   a city's ranking: admin and that city's users (drafts included), and the users of its
 *               districts (published months only);
 * - `system`    no division: administration (only the roles listed, in practice admin).
 */
export type PermissionScope = 'public' | 'self' | 'any' | 'division' | 'ranking' | 'system';

export interface Permission {
  roles: readonly Role[];
  scope: PermissionScope;
  /** What it allows, for the README's table and the admin's eyes. */
  zh: string;
  en: string;
}

const ALL: readonly Role[] = ['admin', 'city', 'leader', 'staff'];

export const PERMISSIONS = {
  'auth.login': { roles: ALL, scope: 'public', zh: '登录', en: 'sign in' },
  'auth.demoAccounts': { roles: ALL, scope: 'public', zh: '演示账号列表（仅演示模式）', en: 'list the demo sign-ins (demo mode only)' },
  health: { roles: ALL, scope: 'public', zh: '健康检查', en: 'health check' },
  'auth.self': { roles: ALL, scope: 'self', zh: '查看本人账号、退出、修改本人密码', en: 'read own account, sign out, change own password' },
  'divisions.read': { roles: ALL, scope: 'any', zh: '查看行政区划', en: 'read the divisions' },
  'denominators.read': { roles: ALL, scope: 'division', zh: '查看区划基数', en: "read a division's denominators" },
  'denominators.write': { roles: ['admin'], scope: 'division', zh: '维护区划基数', en: 'edit denominators' },
  'users.manage': { roles: ['admin'], scope: 'system', zh: '用户管理', en: 'manage users' },
  'audit.read': { roles: ['admin'], scope: 'system', zh: '查看操作日志', en: 'read the audit log' },
  'jobs.manage': { roles: ['admin'], scope: 'system', zh: '查看和运行定时任务', en: 'list and run jobs' },
  'panels.read': { roles: ALL, scope: 'division', zh: '月度看板、趋势与明细', en: 'monthly panel, trend and drill-through' },
  'targets.read': { roles: ALL, scope: 'division', zh: '查看年度目标', en: 'read targets' },
  'targets.write': { roles: ['city', 'admin'], scope: 'division', zh: '设定和导入年度目标', en: 'set and import targets' },
  'rankings.read': { roles: ALL, scope: 'ranking', zh: '查看区县排名及其趋势', en: "read a city's ranking and its trend" },
  'rankings.publish': { roles: ['city', 'admin'], scope: 'division', zh: '保存排名草稿、发布排名（仅已结束的月份）', en: 'save draft rankings and publish (ended months only)' },
  'rankingModels.read': { roles: ALL, scope: 'any', zh: '查看排名模型', en: 'read the ranking models' },
  'rankingModels.write': { roles: ['admin'], scope: 'system', zh: '发布新的排名模型版本', en: 'store a new ranking model version' },
  'events.read': { roles: ALL, scope: 'division', zh: '查看和导出科普活动及附件', en: 'read and export events and their attachments' },
  'events.write': { roles: ['staff', 'leader'], scope: 'division', zh: '登记、修改、提交、导入科普活动，上传附件', en: 'log, edit, submit and import events; attachments' },
  'events.review': { roles: ['leader', 'city', 'admin'], scope: 'division', zh: '审核（通过、退回）科普活动', en: 'approve and return events' },
  'eventTypes.read': { roles: ALL, scope: 'any', zh: '查看活动类型', en: 'read the event types' },
  'eventTypes.write': { roles: ['admin'], scope: 'system', zh: '维护活动类型', en: 'edit the event types' },
  'imports.read': { roles: ALL, scope: 'division', zh: '查看导入记录、下载模板', en: 'read import history, download templates' },
  'imports.write': { roles: ALL, scope: 'division', zh: '导入平台数据（仅本范围内的区划）', en: 'import platform data (rows of divisions in scope)' },
  'budget.read': { roles: ALL, scope: 'division', zh: '查看预算项目、资金、支付、执行与预警', en: 'read budget projects, lines, payments, execution, warnings' },
  'budget.write': { roles: ['staff', 'leader', 'admin'], scope: 'division', zh: '维护预算项目、资金、支付', en: 'edit budget projects, lines and payments' },
  'performance.read': { roles: ALL, scope: 'division', zh: '查看绩效指标与自评表、导出、打印', en: 'read indicators and self-evaluations, export, print' },
  'performance.write': { roles: ['staff', 'leader', 'admin'], scope: 'division', zh: '维护绩效指标、填写和提交自评表', en: 'edit indicators, fill in and submit self-evaluations' },
  'performance.review': { roles: ['leader', 'city', 'admin'], scope: 'division', zh: '冻结、重新打开自评表', en: 'freeze and reopen self-evaluations' },
  'selfEvaluationCheck.run': { roles: ALL, scope: 'any', zh: '检查一份自评表（不保存）', en: 'check a printed self-evaluation (nothing stored)' },
  'accounts.read': { roles: ALL, scope: 'division', zh: '查看决算数据与核查结果', en: 'read final accounts and findings' },
  'briefs.read': { roles: ALL, scope: 'division', zh: '查看月度工作简报（HTML、PDF）', en: 'read monthly briefs (HTML, PDF)' },
  'briefs.issue': { roles: ['city', 'admin'], scope: 'division', zh: '签发月度工作简报（已结束的月份）', en: 'issue a monthly brief (ended months)' },
  'accounts.write': { roles: ALL, scope: 'division', zh: '运行核查、确认或忽略核查结果', en: 'run the check, confirm or dismiss findings' },
  'notify.channels': { roles: ['city', 'admin'], scope: 'division', zh: '配置通知通道（群机器人、邮箱），发送测试', en: 'set up notice channels (group robots, mailboxes), send a test' },
  'notify.deliveries': { roles: ['city', 'admin'], scope: 'division', zh: '查看通知发送记录、重发', en: 'read notice deliveries, resend' },
  'notify.self': { roles: ALL, scope: 'self', zh: '本人的通知订阅与站内通知', en: 'own notice subscription and bell' },
} as const satisfies Record<string, Permission>;

export type PermissionKey = keyof typeof PERMISSIONS;

/**
 * Every operation of the api ("METHOD /path" as in the OpenAPI document) and the permission it
 * needs. The guard refuses an operation that is not listed; the access-matrix test fails on one.
 */
export const OPERATION_PERMISSIONS: Record<string, PermissionKey> = {
  'GET /api/health': 'health',
  'POST /api/v1/auth/login': 'auth.login',
  'GET /api/v1/auth/demo-accounts': 'auth.demoAccounts',
  'POST /api/v1/auth/logout': 'auth.self',
  'GET /api/v1/auth/me': 'auth.self',
  'POST /api/v1/auth/password': 'auth.self',

  'GET /api/v1/users': 'users.manage',
  'POST /api/v1/users': 'users.manage',
  'GET /api/v1/users/{id}': 'users.manage',
  'PATCH /api/v1/users/{id}': 'users.manage',
  'POST /api/v1/users/{id}/password': 'users.manage',
  'GET /api/v1/audit': 'audit.read',
  'GET /api/v1/jobs': 'jobs.manage',
  'POST /api/v1/jobs/{name}/run': 'jobs.manage',

  'GET /api/v1/divisions': 'divisions.read',
  'GET /api/v1/divisions/{code}': 'divisions.read',
  'GET /api/v1/divisions/{code}/denominators': 'denominators.read',
  'PUT /api/v1/divisions/{code}/denominators/{year}': 'denominators.write',

  'GET /api/v1/panels/monthly': 'panels.read',
  'GET /api/v1/panels/trend': 'panels.read',
  'GET /api/v1/panels/facts': 'panels.read',
  'GET /api/v1/targets': 'targets.read',
  'PUT /api/v1/targets/{division}/{year}/{metric}': 'targets.write',
  'DELETE /api/v1/targets/{division}/{year}/{metric}': 'targets.write',
  'POST /api/v1/targets/import': 'targets.write',
  'GET /api/v1/rankings': 'rankings.read',
  'GET /api/v1/rankings/trend': 'rankings.read',
  'POST /api/v1/rankings/publish': 'rankings.publish',
  'POST /api/v1/rankings/drafts': 'rankings.publish',
  'GET /api/v1/rankings/models': 'rankingModels.read',
  'POST /api/v1/rankings/models': 'rankingModels.write',

  'GET /api/v1/events': 'events.read',
  'GET /api/v1/events/export.xlsx': 'events.read',
  'GET /api/v1/events/{id}': 'events.read',
  'GET /api/v1/events/{id}/attachments': 'events.read',
  'GET /api/v1/events/{id}/attachments/{attachmentId}': 'events.read',
  'POST /api/v1/events': 'events.write',
  'POST /api/v1/events/import': 'events.write',
  'PATCH /api/v1/events/{id}': 'events.write',
  'DELETE /api/v1/events/{id}': 'events.write',
  'POST /api/v1/events/{id}/submit': 'events.write',
  'POST /api/v1/events/{id}/attachments': 'events.write',
  'DELETE /api/v1/events/{id}/attachments/{attachmentId}': 'events.write',
  'POST /api/v1/events/{id}/approve': 'events.review',
  'POST /api/v1/events/{id}/return': 'events.review',
  'GET /api/v1/event-types': 'eventTypes.read',
  'POST /api/v1/event-types': 'eventTypes.write',
  'PATCH /api/v1/event-types/{code}': 'eventTypes.write',

  'POST /api/v1/imports': 'imports.write',
  'GET /api/v1/imports': 'imports.read',
  'GET /api/v1/imports/templates/{dataset}': 'imports.read',
  'GET /api/v1/imports/{id}': 'imports.read',

  'GET /api/v1/budget/projects': 'budget.read',
  'GET /api/v1/budget/projects/{id}': 'budget.read',
  'GET /api/v1/budget/projects/{id}/funding-lines': 'budget.read',
  'GET /api/v1/budget/projects/{id}/payments': 'budget.read',
  'GET /api/v1/budget/projects/{id}/execution': 'budget.read',
  'GET /api/v1/budget/warnings': 'budget.read',
  'POST /api/v1/budget/projects': 'budget.write',
  'PATCH /api/v1/budget/projects/{id}': 'budget.write',
  'DELETE /api/v1/budget/projects/{id}': 'budget.write',
  'POST /api/v1/budget/projects/{id}/funding-lines': 'budget.write',
  'PATCH /api/v1/budget/funding-lines/{lineId}': 'budget.write',
  'DELETE /api/v1/budget/funding-lines/{lineId}': 'budget.write',
  'POST /api/v1/budget/projects/{id}/payments': 'budget.write',
  'POST /api/v1/budget/projects/{id}/payments/import': 'budget.write',
  'PATCH /api/v1/budget/payments/{paymentId}': 'budget.write',
  'DELETE /api/v1/budget/payments/{paymentId}': 'budget.write',

  'GET /api/v1/performance/projects/{projectId}/indicators': 'performance.read',
  'GET /api/v1/performance/self-evaluations': 'performance.read',
  'GET /api/v1/performance/self-evaluations/{id}': 'performance.read',
  'GET /api/v1/performance/self-evaluations/{id}/export.xlsx': 'performance.read',
  'GET /api/v1/performance/self-evaluations/{id}/print': 'performance.read',
  'GET /api/v1/performance/self-evaluations/{id}/print.html': 'performance.read',
  'POST /api/v1/performance/projects/{projectId}/indicators': 'performance.write',
  'PATCH /api/v1/performance/indicators/{id}': 'performance.write',
  'DELETE /api/v1/performance/indicators/{id}': 'performance.write',
  'POST /api/v1/performance/self-evaluations': 'performance.write',
  'PATCH /api/v1/performance/self-evaluations/{id}': 'performance.write',
  'DELETE /api/v1/performance/self-evaluations/{id}': 'performance.write',
  'POST /api/v1/performance/self-evaluations/{id}/submit': 'performance.write',
  'POST /api/v1/performance/self-evaluations/{id}/freeze': 'performance.review',
  'POST /api/v1/performance/self-evaluations/{id}/reopen': 'performance.review',
  'POST /api/v1/self-evaluations/check': 'selfEvaluationCheck.run',

  'GET /api/v1/accounts/{division}/{year}/figures': 'accounts.read',
  'GET /api/v1/accounts/{division}/{year}/statements': 'accounts.read',
  'GET /api/v1/accounts/{division}/{year}/findings': 'accounts.read',
  'POST /api/v1/accounts/{division}/{year}/check': 'accounts.write',
  'PATCH /api/v1/accounts/findings/{id}': 'accounts.write',

  'GET /api/v1/briefs': 'briefs.read',
  'GET /api/v1/briefs/{id}': 'briefs.read',
  'GET /api/v1/briefs/{id}/html': 'briefs.read',
  'GET /api/v1/briefs/{id}/pdf': 'briefs.read',
  'POST /api/v1/briefs': 'briefs.issue',

  'GET /api/v1/notify/channels': 'notify.channels',
  'POST /api/v1/notify/channels': 'notify.channels',
  'PATCH /api/v1/notify/channels/{id}': 'notify.channels',
  'DELETE /api/v1/notify/channels/{id}': 'notify.channels',
  'POST /api/v1/notify/channels/{id}/test': 'notify.channels',
  'GET /api/v1/notify/subscriptions': 'notify.self',
  'PUT /api/v1/notify/subscriptions': 'notify.self',
  'GET /api/v1/notify/deliveries': 'notify.deliveries',
  'POST /api/v1/notify/deliveries/{id}/resend': 'notify.deliveries',
  'GET /api/v1/notify/inbox': 'notify.self',
  'POST /api/v1/notify/inbox/read': 'notify.self',
};

/** The permission of an operation, or undefined when the table does not list it (then it is refused). */
export function permissionOf(method: string, path: string): Permission | undefined {
  const key = OPERATION_PERMISSIONS[`${method.toUpperCase()} ${path}`];
  return key ? PERMISSIONS[key] : undefined;
}

/** Whether a role holds a permission at all (the web's menus and buttons; the scope is the server's to check). */
export function roleMay(role: Role | null | undefined, key: PermissionKey): boolean {
  const permission: Permission = PERMISSIONS[key];
  if (permission.scope === 'public') return true;
  return !!role && permission.roles.includes(role);
}
