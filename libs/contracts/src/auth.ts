// Roles and scopes. `admin` sees everything; `city` sees its city and every division under it;
// `leader` and `staff` see one district. The server enforces this; the client only mirrors it.
export const ROLES = ['admin', 'city', 'leader', 'staff'] as const;
export type Role = (typeof ROLES)[number];

export interface UserSummary {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  divisionCode: string;
  divisionName: string;
  active: boolean;
  lastLoginAt: string | null;
  createdAt: string;
  updatedAt: string;
}

export interface LoginRequest {
  username: string;
  password: string;
}

export interface LoginResponse {
  accessToken: string;
  /** ISO timestamp after which the token is refused. */
  expiresAt: string;
  user: UserSummary;
}

export interface CreateUserRequest {
  username: string;
  displayName: string;
  password: string;
  role: Role;
  divisionCode: string;
}

export interface UpdateUserRequest {
  displayName?: string;
  role?: Role;
  divisionCode?: string;
  active?: boolean;
}

export interface ResetPasswordRequest {
  password: string;
}

export interface ChangeOwnPasswordRequest {
  currentPassword: string;
  newPassword: string;
}

export interface Page<T> {
  items: T[];
  total: number;
  page: number;
  pageSize: number;
}
