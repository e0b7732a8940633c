// Who did something, as people read it. The API records a scheduled job's writes (imports of the
// platform sync, briefs, audit entries) under "job:<name>"; people see the job's title instead.
import { jobTitle } from '@app/contracts';

/** The title of the job behind an actor name the API wrote for a scheduled job, or null for a person. */
export function actorJobTitle(actorName: string, zh: boolean): string | null {
  return actorName.startsWith('job:') ? jobTitle(actorName.slice('job:'.length), zh) : null;
}
