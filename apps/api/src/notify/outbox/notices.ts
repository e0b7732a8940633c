// The wording of the notices other modules cause, kept here so each hook is one call.
import { type NoticeInput } from './notice-outbox.js';

const splitHalves = (message: string) => {
  const at = message.indexOf(' / ');
  return at < 0 ? { zh: message, en: message } : { zh: message.slice(0, at), en: message.slice(at + 3) };
};

const WARNING_KIND: Record<string, { zh: string; en: string }> = {
  behind_pace: { zh: '落后序时进度', en: 'behind pace' },
  projected_below_threshold: { zh: '预计年末执行率低于90%', en: 'heading below 90%' },
  year_end_below_threshold: { zh: '年末执行率低于90%', en: 'year end below 90%' },
};

export function budgetWarningNotice(
  project: { id: string; name: string; divisionCode: string },
  warning: { kind: string; message: string; raisedAt: Date },
  change: 'raised' | 'cleared',
): NoticeInput {
  const text = splitHalves(warning.message);
  return {
    kind: change === 'raised' ? 'budget_warning_raised' : 'budget_warning_cleared',
    subject: `${project.id}:${warning.kind}`,
    // One notice per raise (and its clearing): a warning raised again later is news again.
    period: warning.raisedAt.toISOString(),
    division: project.divisionCode,
    link: `/budget/projects/${project.id}`,
    title: `预算执行预警${change === 'raised' ? '' : '已解除'}（${(WARNING_KIND[warning.kind] ?? { zh: warning.kind }).zh}）：${project.name}`,
    titleEn: `Budget warning${change === 'raised' ? '' : ' cleared'} (${(WARNING_KIND[warning.kind] ?? { en: warning.kind }).en}): ${project.name}`,
    body: change === 'raised' ? text.zh : `执行进度已回到序时进度要求（原预警：${text.zh}）`,
    bodyEn: change === 'raised' ? text.en : `Execution is back on pace (was: ${text.en})`,
  };
}

export function eventNotice(
  event: { id: string; title: string; divisionCode: string; startDate: string; returnReason?: string | null },
  change: 'submitted' | 'returned',
  at: Date,
): NoticeInput {
  return {
    kind: change === 'submitted' ? 'event_submitted' : 'event_returned',
    subject: event.id,
    period: at.toISOString(),
    division: event.divisionCode,
    link: `/events/${event.id}`,
    title: change === 'submitted' ? `科普活动待审核：${event.title}` : `科普活动被退回：${event.title}`,
    titleEn: change === 'submitted' ? `Event waiting for review: ${event.title}` : `Event returned: ${event.title}`,
    body: change === 'submitted' ? `活动日期 ${event.startDate}，已提交审核。` : `退回原因：${event.returnReason ?? ''}`,
    bodyEn: change === 'submitted' ? `Held on ${event.startDate}, submitted for review.` : `Reason: ${event.returnReason ?? ''}`,
  };
}

export function rankingPublishedNotice(city: { code: string; name: string }, month: string, version: number, by: string): NoticeInput {
  const [year, m] = month.split('-').map(Number);
  return {
    kind: 'ranking_published',
    subject: city.code,
    period: `${month}#${version}`,
    division: city.code,
    link: `/ranking?city=${city.code}&month=${month}`,
    title: `${city.name}${year}年${m}月区县排名已发布`,
    titleEn: `${city.name}: the district ranking of ${month} is published`,
    body: `由 ${by} 发布（第${version}版）。`,
    bodyEn: `Published by ${by} (version ${version}).`,
  };
}
