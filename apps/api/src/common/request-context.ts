import { AsyncLocalStorage } from 'node:async_hooks';

/** Who is acting, carried through every await of a request or job (for the audit log). */
export interface ActorContext {
  actorId: string | null;
  actorName: string;
  requestId: string | null;
}

const storage = new AsyncLocalStorage<ActorContext>();

export const SYSTEM_ACTOR: ActorContext = { actorId: null, actorName: 'system', requestId: null };

export function currentActor(): ActorContext {
  return storage.getStore() ?? SYSTEM_ACTOR;
}

export function runAs<T>(actor: ActorContext, fn: () => T): T {
  return storage.run(actor, fn);
}
