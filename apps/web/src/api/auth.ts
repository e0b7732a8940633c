import {
  type ChangeOwnPasswordRequest,
  type LoginRequest,
  type LoginResponse,
  type Role,
  type UserSummary,
} from '@app/contracts';
import { http } from './http';

/** Not in @app/contracts yet: the public list of demo sign-ins (demo mode only). */
export interface DemoAccount {
  username: string;
  role: Role;
  divisionName: string;
}
export interface DemoAccountsResponse {
  enabled: boolean;
  password?: string;
  accounts: DemoAccount[];
}

export const loginApi = (body: LoginRequest) =>
  http.post<LoginResponse>('/auth/login', body, { sessionOn401: false });

export const logoutApi = () => http.post<void>('/auth/logout', undefined, { sessionOn401: false });

export const getMeApi = () => http.get<UserSummary>('/auth/me');

/** 401 here means "current password wrong", not "session over". */
export const changeOwnPasswordApi = (body: ChangeOwnPasswordRequest) =>
  http.post<void>('/auth/password', body, { sessionOn401: false });

export const getDemoAccountsApi = () => http.get<DemoAccountsResponse>('/auth/demo-accounts');
