/** The one error shape of the API: 4xx and 5xx alike. */
export interface ApiError {
  statusCode: number;
  message: string;
  errors?: FieldError[];
  requestId?: string;
}

export interface FieldError {
  field: string;
  message: string;
}
