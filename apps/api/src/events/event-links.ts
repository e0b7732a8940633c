import { type EntityManager } from 'typeorm';
import { type EventsRepository } from './events.repository.js';
import { type FieldError } from '@app/contracts';

/**
 * The budget project (by id, or by the code the budget page shows) must be one of the event's
 * division, of the event's year; each performance indicator must exist and belong to that
 * project (or, without a project, to a project of the division). Gives the project's id.
 */
export async function eventLinkProblems(
  repository: EventsRepository,
  projectIdOrCode: string | null,
  indicatorIds: readonly string[],
  division: string,
  year: number,
  manager?: EntityManager,
): Promise<{ problems: FieldError[]; projectId: string | null }> {
  const problems: FieldError[] = [];
  let projectId: string | null = null;
  if (projectIdOrCode) {
    const project = await repository.findBudgetProject(projectIdOrCode, division, year, manager);
    if (!project) {
      problems.push({ field: 'projectId', code: 'PROJECT_NOT_FOUND', message: '预算项目不存在', messageEn: `budget project ${projectIdOrCode} does not exist` });
    } else if (project.divisionCode !== division) {
      problems.push({
        field: 'projectId',
        code: 'PROJECT_OF_OTHER_DIVISION',
        message: `该预算项目属于其他区划（${project.divisionCode}）`,
        messageEn: `the budget project belongs to division ${project.divisionCode}, not ${division}`,
      });
    } else if (project.year !== year) {
      problems.push({
        field: 'projectId',
        code: 'PROJECT_OF_OTHER_YEAR',
        message: `该预算项目属于 ${project.year} 年，活动在 ${year} 年`,
        messageEn: `the budget project is of ${project.year}, the event of ${year}`,
        params: { projectYear: project.year, eventYear: year },
      });
    } else projectId = project.id;
  }
  if (indicatorIds.length === 0 || (projectIdOrCode && !projectId)) return { problems, projectId };
  const found = new Map((await repository.findIndicatorOwners(indicatorIds, manager)).map((i) => [i.id, i]));
  for (const id of indicatorIds) {
    const indicator = found.get(id);
    if (!indicator) {
      problems.push({ field: 'indicatorIds', code: 'INDICATOR_NOT_FOUND', message: `绩效指标不存在（${id}）`, messageEn: `performance indicator ${id} does not exist`, params: { id } });
    } else if (projectId ? indicator.projectId !== projectId : indicator.divisionCode !== division) {
      problems.push({
        field: 'indicatorIds',
        code: 'INDICATOR_OF_OTHER_PROJECT',
        message: projectId ? '该绩效指标不属于所选预算项目' : '该绩效指标不属于本区划的预算项目',
        messageEn: projectId ? `indicator ${id} does not belong to the chosen budget project` : `indicator ${id} does not belong to a budget project of division ${division}`,
        params: { id },
      });
    }
  }
  return { problems, projectId };
}
