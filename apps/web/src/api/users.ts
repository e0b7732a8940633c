import {
  type CreateUserRequest,
  type Page,
  type ResetPasswordRequest,
  type Role,
  type UpdateUserRequest,
  type UserSummary,
} from '@app/contracts';
import { http } from './http';

export interface UserQuery {
  q?: string;
  role?: Role | '';
  divisionCode?: string;
  active?: boolean | '';
  page?: number;
  pageSize?: number;
}

export const getUsersApi = (query: UserQuery, signal?: AbortSignal) =>
  http.get<Page<UserSummary>>('/users', { query: { ...query }, signal });

export const createUserApi = (body: CreateUserRequest) => http.post<UserSummary>('/users', body);

export const updateUserApi = (id: string, body: UpdateUserRequest) =>
  http.patch<UserSummary>(`/users/${encodeURIComponent(id)}`, body);

export const resetUserPasswordApi = (id: string, body: ResetPasswordRequest) =>
  http.post<void>(`/users/${encodeURIComponent(id)}/password`, body);
