import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';

const KEY = /^[0-9a-f-]{36}\/[0-9a-f-]{36}(\.thumb)?$/;

/**
 * Attachment bytes on disk (EVENT_ATTACHMENT_DIR): `<event id>/<attachment id>` and a
 * `.thumb` beside it. Keys are made of our own UUIDs only, so no path can leave the folder.
 */
export class AttachmentDirectory {
  constructor(private readonly root: string) {}

  static keyOf(eventId: string, attachmentId: string): string {
    return `${eventId}/${attachmentId}`;
  }

  private path(key: string): string {
    if (!KEY.test(key)) throw new Error(`invalid attachment storage key ${key}`);
    return join(resolve(this.root), key);
  }

  async write(key: string, content: Buffer, thumbnail: Buffer | null): Promise<void> {
    const path = this.path(key);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, content, { flag: 'wx' });
    if (thumbnail) await writeFile(this.path(`${key}.thumb`), thumbnail, { flag: 'wx' });
  }

  async read(key: string, thumbnail: boolean): Promise<Buffer | null> {
    try {
      return await readFile(this.path(thumbnail ? `${key}.thumb` : key));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
  }

  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
    await rm(this.path(`${key}.thumb`), { force: true });
  }

  async removeEvent(eventId: string): Promise<void> {
    if (!/^[0-9a-f-]{36}$/.test(eventId)) return;
    await rm(join(resolve(this.root), eventId), { recursive: true, force: true });
  }
}
