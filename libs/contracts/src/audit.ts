/** `override`: an admin did what a rule forbids others (e.g. approved an event they submitted themselves). */
export type AuditAction = 'insert' | 'update' | 'delete' | 'login' | 'login_failed' | 'logout' | 'override';

export interface AuditEntry {
  id: string;
  at: string;
  actorId: string | null;
  actorName: string;
  /** The actor's display name (e.g. 西区科协 工作人员); null for the system and for a user no longer on file. */
  actorDisplayName: string | null;
  action: AuditAction;
  entity: string;
  entityId: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  requestId: string | null;
  /** The X-Request-Id the client sent, if any (ours is `requestId`). */
  clientRequestId: string | null;
}
