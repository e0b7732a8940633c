import { scheduleFor, subscriberWants } from './notify-delivery.service.js';
import { dingtalkSign, dingtalkUrl } from './senders/dingtalk.js';
import { OWN_ANSWERS, postJson } from './senders/message.js';
import { wecomUploadUrl } from './senders/wecom.js';
import { type SubscriberRow } from './subscriptions.repository.js';

// 2026-12-05 23:30 Beijing = 15:30 UTC.
const at = (beijing: string) => new Date(`${beijing}+08:00`);

describe('scheduleFor', () => {
  it('should send at once outside quiet hours, at their end inside them (also across midnight), and digests at the digest hour', () => {
    const now = at('2026-12-05T23:30:00');
    expect(scheduleFor({ mode: 'immediate', quietFrom: null, quietTo: null }, now, 8)).toEqual(now);
    expect(scheduleFor({ mode: 'immediate', quietFrom: '22:00', quietTo: '07:30' }, now, 8)).toEqual(at('2026-12-06T07:30:00'));
    expect(scheduleFor({ mode: 'immediate', quietFrom: '12:00', quietTo: '13:00' }, now, 8)).toEqual(now);
    expect(scheduleFor({ mode: 'digest', quietFrom: null, quietTo: null }, now, 8)).toEqual(at('2026-12-06T08:00:00'));
    expect(scheduleFor({ mode: 'digest', quietFrom: null, quietTo: null }, at('2026-12-05T07:00:00'), 8)).toEqual(at('2026-12-05T08:00:00'));
  });
});

describe('subscriberWants', () => {
  const user = (role: SubscriberRow['role'], divisionCode: string, kinds?: SubscriberRow['subscription']): SubscriberRow => ({ userId: 'u', username: 'u', role, divisionCode, subscription: kinds ?? null });
  const county = ['510403', '510400', '510000'];
  it('should follow the role defaults, the scope and the subscription', () => {
    expect(subscriberWants(user('staff', '510403'), county, { kind: 'event_returned', divisionCode: '510403' }, county)).toBe(true);
    expect(subscriberWants(user('staff', '510403'), county, { kind: 'event_submitted', divisionCode: '510403' }, county)).toBe(false); // reviewers' kind
    expect(subscriberWants(user('staff', '510402'), ['510402', '510400', '510000'], { kind: 'event_returned', divisionCode: '510403' }, county)).toBe(false);
    expect(subscriberWants(user('city', '510400'), ['510400', '510000'], { kind: 'budget_warning_raised', divisionCode: '510403' }, county)).toBe(true);
    // A city's ranking reaches its districts.
    expect(subscriberWants(user('leader', '510403'), county, { kind: 'ranking_published', divisionCode: '510400' }, ['510400', '510000'])).toBe(true);
    expect(subscriberWants(user('leader', '510403'), county, { kind: 'job_failed', divisionCode: '510000' }, ['510000'])).toBe(false);
    const only = { kinds: ['event_returned' as const], divisions: [], channel: 'inapp' as const, email: null, mode: 'immediate' as const, quietFrom: null, quietTo: null };
    expect(subscriberWants(user('staff', '510403', only), county, { kind: 'brief_issued', divisionCode: '510403' }, county)).toBe(false);
  });
});

describe('robot requests', () => {
  it('should sign DingTalk requests as its documentation says and derive the WeCom upload address', () => {
    // HMAC-SHA256 of "1700000000000\nSECabc" with key "SECabc", base64, URL-encoded.
    expect(dingtalkSign('SECabc', 1_700_000_000_000)).toBe('jcUpW0QmtKduN03n4JqQ0PBosVjqnM8gU7fIIvsDmCM%3D');
    expect(dingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=t', 'SECabc', 1_700_000_000_000)).toBe(
      `https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign=${dingtalkSign('SECabc', 1_700_000_000_000)}`,
    );
    expect(dingtalkUrl('https://oapi.dingtalk.com/robot/send?access_token=t', null)).toBe('https://oapi.dingtalk.com/robot/send?access_token=t');
    expect(wecomUploadUrl('https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=K')).toBe('https://qyapi.weixin.qq.com/cgi-bin/webhook/upload_media?key=K&type=file');
  });
});

describe('our own answers in a delivery record', () => {
  it('should be written "中文 / English" (the screens show the reader’s half), also for a network error', async () => {
    const texts = [OWN_ANSWERS.channelOff, OWN_ANSWERS.noSmtp, OWN_ANSWERS.alreadySent, (await postJson('http://127.0.0.1:1/robot', {}, 2_000)).text];
    for (const text of texts) expect(text).toMatch(/^[^/]*[\u4e00-\u9fff][^/]* \/ [A-Z]/);
    expect(texts[3]).toMatch(/^网络错误：.+ \/ Network error: /);
  });
});
