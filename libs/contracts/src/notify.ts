// Notices (issue 15): kinds, channels, subscriptions, deliveries and the in-app bell.

export const NOTICE_KINDS = [
  'metric_red',
  'metric_green',
  'budget_warning_raised',
  'budget_warning_cleared',
  'event_submitted',
  'event_waiting',
  'event_returned',
  'ranking_published',
  'brief_issued',
  'job_failed',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/** What a user without a saved subscription hears about, in the bell: reviewers the review queue, admins the jobs too. */
export const DEFAULT_NOTICE_KINDS: Record<'admin' | 'city' | 'leader' | 'staff', readonly NoticeKind[]> = {
  admin: NOTICE_KINDS,
  city: NOTICE_KINDS.filter((k) => k !== 'job_failed'),
  leader: NOTICE_KINDS.filter((k) => k !== 'job_failed'),
  staff: NOTICE_KINDS.filter((k) => k !== 'job_failed' && k !== 'event_submitted' && k !== 'event_waiting'),
};

export const CHANNEL_KINDS = ['wecom', 'dingtalk', 'email'] as const;
export type ChannelKind = (typeof CHANNEL_KINDS)[number];

/** Where a user's own subscription is delivered: the bell, or e-mail to an address of theirs. */
export const SUBSCRIPTION_CHANNELS = ['inapp', 'email'] as const;
export type SubscriptionChannel = (typeof SUBSCRIPTION_CHANNELS)[number];

export const DELIVERY_STATUSES = ['pending', 'sent', 'failed'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export interface SmtpSettings {
  host: string;
  port: number;
  secure?: boolean;
  user?: string | null;
  /** Write-only: never returned; `passwordSet` says whether one is stored. */
  password?: string | null;
  from: string;
}

/** A division's channel as the API returns it: secrets are never sent back. */
export interface NotifyChannel {
  id: string;
  kind: ChannelKind;
  division: string;
  divisionName: string;
  name: string;
  /** The webhook with its access token masked (…abcd). */
  urlMasked: string | null;
  secretSet: boolean;
  keyword: string | null;
  smtp: (Omit<SmtpSettings, 'password'> & { passwordSet: boolean }) | null;
  to: string[];
  kinds: NoticeKind[];
  active: boolean;
  createdAt: string;
}

export interface UpsertChannelRequest {
  kind?: ChannelKind;
  division?: string;
  name?: string;
  url?: string;
  secret?: string;
  keyword?: string | null;
  smtp?: SmtpSettings;
  to?: string[];
  kinds?: NoticeKind[];
  active?: boolean;
}

export interface NotifySubscription {
  kinds: NoticeKind[];
  /** Division codes in the caller's scope; empty = the caller's home division and everything under it. */
  divisions: string[];
  channel: SubscriptionChannel;
  email: string | null;
  mode: 'immediate' | 'digest';
  /** 'HH:MM' Beijing time, both or neither. */
  quietFrom: string | null;
  quietTo: string | null;
}

export interface NotifyDelivery {
  id: string;
  noticeId: string;
  kind: NoticeKind;
  title: string;
  titleEn: string;
  division: string;
  target: { type: 'channel'; channelId: string; channelName: string; channelKind: ChannelKind } | { type: 'user'; username: string; channel: SubscriptionChannel };
  status: DeliveryStatus;
  attempts: number;
  nextAttemptAt: string | null;
  lastResponse: string | null;
  sentAt: string | null;
  createdAt: string;
}

export interface InboxItem {
  id: string;
  kind: NoticeKind;
  title: string;
  titleEn: string;
  body: string;
  bodyEn: string;
  /** The in-app page it points to, e.g. /briefs/…; null when none. */
  link: string | null;
  createdAt: string;
  readAt: string | null;
}

export interface InboxPage {
  unread: number;
  items: InboxItem[];
}

export interface ChannelTestResult {
  ok: boolean;
  status: number | null;
  response: string;
}
