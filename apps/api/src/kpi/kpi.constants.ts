/**
 * The first month with platform data: the trial of 天府科技云 started on 2020-05-30 (official
 * launch 2020-07-16). Before it, "previous" and "last year" values are unknown (null), not 0.
 */
export const PLATFORM_LAUNCH_MONTH = '2020-05';
