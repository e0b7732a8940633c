import {
  type ChannelTestResult,
  type DeliveryStatus,
  type InboxPage,
  type NotifyChannel,
  type NotifyDelivery,
  type NotifySubscription,
  type UpsertChannelRequest,
} from '@app/contracts';
import { http } from './http';

export const listChannelsApi = (signal?: AbortSignal) => http.get<NotifyChannel[]>('/notify/channels', { signal });
export const createChannelApi = (body: UpsertChannelRequest) => http.post<NotifyChannel>('/notify/channels', body);
export const updateChannelApi = (id: string, body: UpsertChannelRequest) => http.patch<NotifyChannel>(`/notify/channels/${id}`, body);
export const deleteChannelApi = (id: string) => http.delete<void>(`/notify/channels/${id}`);
export const testChannelApi = (id: string) => http.post<ChannelTestResult>(`/notify/channels/${id}/test`);

export const getSubscriptionApi = (signal?: AbortSignal) => http.get<NotifySubscription>('/notify/subscriptions', { signal });
export const putSubscriptionApi = (body: NotifySubscription) => http.put<NotifySubscription>('/notify/subscriptions', body);

export const listDeliveriesApi = (status: DeliveryStatus | undefined, signal?: AbortSignal) => http.get<NotifyDelivery[]>('/notify/deliveries', { query: { status }, signal });
export const resendDeliveryApi = (id: string) => http.post<{ status: 'pending' }>(`/notify/deliveries/${id}/resend`);

export const getInboxApi = (signal?: AbortSignal) => http.get<InboxPage>('/notify/inbox', { signal });
export const markReadApi = (ids?: string[]) => http.post<{ marked: number }>('/notify/inbox/read', ids ? { ids } : {});
