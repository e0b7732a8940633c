import { sniffFileType } from './file-sniffing.js';
import { makeExe, makeJpegWithExif, makePdf, makePng } from '../../../../../test/e2e/events-fixtures.js';

describe('sniffFileType', () => {
  it('should recognise JPEG, PNG, WebP and PDF by their first bytes', () => {
    expect(sniffFileType(makeJpegWithExif(null))).toMatchObject({ ok: true, kind: 'jpeg', contentType: 'image/jpeg', image: true });
    expect(sniffFileType(makePng(2, 2, [0, 0, 0]))).toMatchObject({ ok: true, kind: 'png', image: true });
    const webp = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.alloc(4), Buffer.from('WEBPVP8 ', 'latin1')]);
    expect(sniffFileType(webp)).toMatchObject({ ok: true, kind: 'webp', contentType: 'image/webp' });
    expect(sniffFileType(makePdf())).toMatchObject({ ok: true, kind: 'pdf', image: false });
  });

  it('should name a renamed executable when refusing it', () => {
    expect(sniffFileType(makeExe())).toEqual({ ok: false, code: 'UNSUPPORTED', detected: 'Windows executable (EXE/DLL)' });
    expect(sniffFileType(Buffer.from([0x7f, 0x45, 0x4c, 0x46, 2, 1]))).toMatchObject({ ok: false, detected: 'ELF executable' });
  });

  it('should refuse an empty file and unknown content when nothing matches', () => {
    expect(sniffFileType(Buffer.alloc(0))).toEqual({ ok: false, code: 'EMPTY', detected: null });
    expect(sniffFileType(Buffer.from('hello, world'))).toEqual({ ok: false, code: 'UNSUPPORTED', detected: null });
    // A RIFF that is not WebP (a WAV file) is not a photo.
    expect(sniffFileType(Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.alloc(4), Buffer.from('WAVE', 'latin1')])).ok).toBe(false);
  });
});
