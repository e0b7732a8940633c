import { type EntityManager } from 'typeorm';

/** Settings a statement may need changed for its own shape or bounds (names as in postgresql.conf). */
export type PlannerSettings = Partial<Record<'enable_hashjoin' | 'enable_mergejoin' | 'enable_sort' | 'jit', 'on' | 'off'> & Record<'lock_timeout' | 'statement_timeout', string>>;

/**
 * Runs `work` with these planner settings on the transaction of `manager` and puts the previous
 * values back afterwards (set_config(…, true) is SET LOCAL: if `work` throws, the rollback of the
 * transaction or savepoint undoes the change anyway). For statements whose sizes the planner
 * cannot know (temporary tables and unnested arrays are never analysed).
 */
export async function withPlannerSettings<T>(manager: EntityManager, settings: PlannerSettings, work: () => Promise<T>): Promise<T> {
  const names = Object.keys(settings) as Array<keyof PlannerSettings>;
  const [previous]: Array<Record<string, string>> = await manager.query(`SELECT ${names.map((name, i) => `current_setting('${name}') AS p${i}`).join(', ')}`);
  await manager.query(`SELECT ${names.map((name, i) => `set_config('${name}', $${i + 1}, true)`).join(', ')}`, names.map((name) => settings[name]));
  const result = await work();
  await manager.query(`SELECT ${names.map((name, i) => `set_config('${name}', $${i + 1}, true)`).join(', ')}`, names.map((_, i) => previous[`p${i}`]));
  return result;
}
