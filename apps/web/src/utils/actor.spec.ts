import { describe, expect, it } from '@jest/globals';
import { actorJobTitle } from './actor';

describe('actorJobTitle', () => {
  it('should name a scheduled job by its title in the language, and leave people alone', () => {
    expect(actorJobTitle('job:platform-sync', true)).toBe('平台数据同步');
    expect(actorJobTitle('job:monthly-brief', false)).toBe('Monthly brief');
    expect(actorJobTitle('xiqu-staff', true)).toBeNull();
    expect(actorJobTitle('王 job:', true)).toBeNull();
  });
});
