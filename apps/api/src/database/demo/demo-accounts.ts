import { type Role } from '@app/contracts';

/** The sign-ins of demo mode only (DEMO_DATA=true); production refuses to start with them. */
export const DEMO_PASSWORD = 'demo1234';

export const DEMO_ACCOUNTS: ReadonlyArray<{ username: string; displayName: string; role: Role; divisionCode: string }> = [
  { username: 'admin', displayName: '系统管理员', role: 'admin', divisionCode: '510000' },
  { username: 'panzhihua', displayName: '攀枝花市科协', role: 'city', divisionCode: '510400' },
  { username: 'xiqu-leader', displayName: '西区科协 负责人', role: 'leader', divisionCode: '510403' },
  { username: 'xiqu-staff', displayName: '西区科协 工作人员', role: 'staff', divisionCode: '510403' },
  { username: 'dongqu-staff', displayName: '东区科协 工作人员', role: 'staff', divisionCode: '510402' },
];
