import { parseExifDateTime, readJpegDateTimeOriginal, readPhotoTakenAt, readTiffDateTimeOriginal } from './exif.js';
import { makeJpegWithExif, makeTiffWithDate } from '../../../../../test/e2e/events-fixtures.js';

describe('exif', () => {
  describe('readJpegDateTimeOriginal', () => {
    it('should return DateTimeOriginal when the APP1 segment carries it', () => {
      expect(readJpegDateTimeOriginal(makeJpegWithExif('2021:09:18 10:05:33'))).toBe('2021-09-18T10:05:33');
    });

    it('should return null when the JPEG has no EXIF segment', () => {
      expect(readJpegDateTimeOriginal(makeJpegWithExif(null))).toBeNull();
    });

    it('should return null when the file is not a JPEG or is cut short', () => {
      const jpeg = makeJpegWithExif('2021:09:18 10:05:33');
      expect(readJpegDateTimeOriginal(Buffer.from('not a jpeg'))).toBeNull();
      for (const length of [3, 10, 20, 40, 60]) expect(readJpegDateTimeOriginal(jpeg.subarray(0, length))).toBeNull();
    });
  });

  describe('readTiffDateTimeOriginal', () => {
    it('should read both byte orders when the TIFF is little- or big-endian', () => {
      expect(readTiffDateTimeOriginal(makeTiffWithDate('2021:05:30 15:00:00', true))).toBe('2021-05-30T15:00:00');
      expect(readTiffDateTimeOriginal(makeTiffWithDate('2021:05:30 15:00:00', false))).toBe('2021-05-30T15:00:00');
    });

    it('should return null when an offset points outside the block', () => {
      const tiff = makeTiffWithDate('2021:05:30 15:00:00');
      tiff.writeUInt32LE(10_000, 18); // Exif IFD pointer far away
      expect(readTiffDateTimeOriginal(tiff)).toBeNull();
    });

    it('should return null when the pointer loops back to IFD0', () => {
      const tiff = makeTiffWithDate('2021:05:30 15:00:00');
      tiff.writeUInt32LE(8, 18);
      expect(readTiffDateTimeOriginal(tiff)).toBeNull();
    });
  });

  describe('parseExifDateTime', () => {
    it('should refuse blank and impossible dates when cameras write them', () => {
      expect(parseExifDateTime('0000:00:00 00:00:00')).toBeNull();
      expect(parseExifDateTime('2021:02:30 10:00:00')).toBeNull();
      expect(parseExifDateTime('    ')).toBeNull();
      expect(parseExifDateTime('2024:02:29 23:59:59')).toBe('2024-02-29T23:59:59');
    });
  });

  describe('readPhotoTakenAt', () => {
    it('should read a WebP EXIF chunk when present and ignore PDFs', () => {
      const tiff = Buffer.concat([Buffer.from('Exif\0\0', 'latin1'), makeTiffWithDate('2021:06:18 09:00:00')]);
      const chunk = Buffer.alloc(8);
      chunk.write('EXIF', 0, 'latin1');
      chunk.writeUInt32LE(tiff.length, 4);
      const body = Buffer.concat([Buffer.from('WEBP', 'latin1'), chunk, tiff]);
      const header = Buffer.alloc(8);
      header.write('RIFF', 0, 'latin1');
      header.writeUInt32LE(body.length, 4);
      expect(readPhotoTakenAt('webp', Buffer.concat([header, body]))).toBe('2021-06-18T09:00:00');
      expect(readPhotoTakenAt('pdf', Buffer.from('%PDF-1.4'))).toBeNull();
    });
  });
});
