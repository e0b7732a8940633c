import { describe, expect, it } from '@jest/globals';
import { pickLanguage, splitBilingual } from './bilingual';

const NO_HEADER =
  '未找到可识别的表头，请使用模板中的列名：编号、类型、成交金额(元) / No recognisable header row; use the template\'s column names: 编号, 类型, 成交金额(元)';

describe('bilingual', () => {
  describe('splitBilingual', () => {
    it('should split at the first separator after Chinese when English quotes Chinese headers', () => {
      expect(splitBilingual(NO_HEADER)).toEqual({
        zh: '未找到可识别的表头，请使用模板中的列名：编号、类型、成交金额(元)',
        en: "No recognisable header row; use the template's column names: 编号, 类型, 成交金额(元)",
      });
    });
    it('should keep the English detail whole when it contains a slash', () => {
      expect(splitBilingual('导入失败，未写入任何数据 / import failed, nothing written: a / b')).toEqual({
        zh: '导入失败，未写入任何数据',
        en: 'import failed, nothing written: a / b',
      });
    });
    it('should return null when the text is in one language', () => {
      expect(splitBilingual('read / write')).toBeNull();
      expect(splitBilingual('文件为空')).toBeNull();
    });
  });

  describe('pickLanguage', () => {
    it('should use the given English text and strip it from the Chinese', () => {
      const en = 'The file is larger than 20 MB (IMPORT_MAX_BYTES); split it and import the parts';
      const text = `文件超过 20 MB，请拆分后分批导入 / ${en}`;
      expect(pickLanguage(text, true, en)).toBe('文件超过 20 MB，请拆分后分批导入');
      expect(pickLanguage(text, false, en)).toBe(en);
    });
    it('should split the text itself when no English text is given', () => {
      expect(pickLanguage(NO_HEADER, false)).toMatch(/^No recognisable header row/);
      expect(pickLanguage(NO_HEADER, true)).toMatch(/^未找到可识别的表头/);
      expect(pickLanguage('plain', true)).toBe('plain');
      expect(pickLanguage(null, true)).toBe('');
    });
  });
});
