import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AttachmentDirectory } from './attachment-store.js';

describe(AttachmentDirectory.name, () => {
  const event = '11111111-1111-4111-8111-111111111111';
  const attachment = '22222222-2222-4222-8222-222222222222';
  let root: string;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'event-attachments-'));
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('should write, read and remove the bytes and the thumbnail when given a key', async () => {
    const store = new AttachmentDirectory(root);
    const key = AttachmentDirectory.keyOf(event, attachment);
    await store.write(key, Buffer.from('photo'), Buffer.from('thumb'));
    expect((await store.read(key, false))?.toString()).toBe('photo');
    expect((await store.read(key, true))?.toString()).toBe('thumb');
    await store.removeEvent(event);
    expect(await store.read(key, false)).toBeNull();
  });

  it('should refuse a key that could leave the folder and never overwrite a file', async () => {
    const store = new AttachmentDirectory(root);
    await expect(store.read('../../etc/passwd', false)).rejects.toThrow('invalid attachment storage key');
    const key = AttachmentDirectory.keyOf(event, attachment);
    await store.write(key, Buffer.from('a'), null);
    await expect(store.write(key, Buffer.from('b'), null)).rejects.toThrow();
  });
});
