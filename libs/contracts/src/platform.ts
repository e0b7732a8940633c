// The platform's fact kinds (DESIGN §3), with their Chinese labels as the platform exports them.
export const DEAL_KINDS = ['tech_service', 'achievement_transfer', 'research_project'] as const;
export type DealKind = (typeof DEAL_KINDS)[number];
export const DEAL_KIND_LABELS: Record<DealKind, string> = {
  tech_service: '科技服务',
  achievement_transfer: '科技成果转化',
  research_project: '科研项目',
};

export const LISTING_KINDS = ['need', 'capability', 'achievement', 'research_project', 'studio', 'sharing_base'] as const;
export type ListingKind = (typeof LISTING_KINDS)[number];
export const LISTING_KIND_LABELS: Record<ListingKind, string> = {
  need: '科技所需',
  capability: '科技所能',
  achievement: '科技成果',
  research_project: '科研项目',
  studio: '科创工作室',
  sharing_base: '科普共享基地',
};

export const REGISTRATION_TYPES = ['scientist', 'organization', 'resident', 'popsci_org'] as const;
export type RegistrationType = (typeof REGISTRATION_TYPES)[number];
export const REGISTRATION_TYPE_LABELS: Record<RegistrationType, string> = {
  scientist: '科技工作者',
  organization: '企事业单位',
  resident: '城乡群众',
  popsci_org: '科普组织',
};

export const POPSCI_CHANNELS = ['sms', 'app', 'web', 'wechat', 'offline'] as const;
export type PopsciChannel = (typeof POPSCI_CHANNELS)[number];
export const POPSCI_CHANNEL_LABELS: Record<PopsciChannel, string> = {
  sms: '短信',
  app: 'APP',
  web: '网站',
  wechat: '微信',
  offline: '线下',
};

export const IMPORT_DATASETS = ['deals', 'listings', 'registrations', 'popsci'] as const;
export type ImportDataset = (typeof IMPORT_DATASETS)[number];
