// Who did something, in the reader's language: a person's name as stored, a scheduled job by its title.
import { useI18n } from 'vue-i18n';
import { actorJobTitle } from '@/utils/actor';

/** `brief`: the job's title alone, for a narrow table column whose header already says who. */
export function useActorName(): (actorName: string, options?: { brief?: boolean }) => string {
  const { t, locale } = useI18n();
  return (actorName, options) => {
    const job = actorJobTitle(actorName, locale.value.startsWith('zh'));
    if (!job) return actorName;
    return options?.brief ? job : t('common.scheduledJob', { job });
  };
}
