import { createHash, randomUUID } from 'node:crypto';
import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { EventsService, EDITABLE, type UploadedFile } from './events.service.js';
import { toAttachment } from './event-mapping.js';
import { EventsRepository } from './events.repository.js';
import { AttachmentDirectory } from './evidence/attachment-store.js';
import { readPhotoTakenAt } from './evidence/exif.js';
import { sniffFileType } from './evidence/file-sniffing.js';
import { EventAttachmentEntity } from './entities/event-attachment.entity.js';
import { type AuthenticatedUser } from '../auth/authenticated-request.js';
import { type DivisionScope } from '../auth/division-scope.js';
import { APP_CONFIG, type AppConfig } from '../config/app-config.js';
import { decodeUploadFileName } from '../spreadsheets/download.js';
import { fileInvalid, fileMissing, fileTooLarge, unsupportedFile } from '../spreadsheets/file-rejection.js';
import { type EventAttachment } from '@app/contracts';

const THUMBNAIL_MAX_BYTES = 512 * 1024;

/** Photos and documents of an event: checked by content, stored in PostgreSQL or EVENT_ATTACHMENT_DIR. */
@Injectable()
export class EventAttachmentsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly repository: EventsRepository,
    private readonly events: EventsService,
  ) {}

  async listAttachments(scope: DivisionScope, id: string): Promise<EventAttachment[]> {
    await this.events.requireRow(scope, id);
    return (await this.repository.findAttachments(id)).map((a) => toAttachment(a));
  }

  async uploadAttachment(user: AuthenticatedUser, scope: DivisionScope, id: string, file: UploadedFile | undefined, thumbnail: UploadedFile | undefined): Promise<EventAttachment> {
    if (!file) throw fileMissing();
    const max = this.config.events.attachmentMaxBytes;
    if (file.buffer.length > max) throw fileTooLarge(max);
    const sniffed = sniffFileType(file.buffer);
    if (!sniffed.ok) {
      if (sniffed.code === 'EMPTY') throw fileInvalid('FILE_EMPTY', `文件为空（0 字节）`, `The file "${file.originalName}" is empty (0 bytes)`);
      const what = sniffed.detected ? ` (it is a ${sniffed.detected})` : '';
      throw unsupportedFile(
        'UNSUPPORTED_FORMAT',
        `只接受 JPEG、PNG、WebP 照片和 PDF 文档，“${file.originalName}”的内容不是这些格式`,
        `Only JPEG, PNG, WebP photos and PDF documents are accepted; "${file.originalName}" is not one of them${what}`,
        { params: { detected: sniffed.detected ?? '' } },
      );
    }
    let thumbBytes: Buffer | null = null;
    let thumbType: string | null = null;
    if (thumbnail && thumbnail.buffer.length > 0 && sniffed.image) {
      const thumbSniffed = sniffFileType(thumbnail.buffer);
      if (thumbSniffed.ok && thumbSniffed.image && thumbnail.buffer.length <= THUMBNAIL_MAX_BYTES) {
        thumbBytes = thumbnail.buffer;
        thumbType = thumbSniffed.contentType;
      }
    }
    const actor = await this.events.actorOf(user);
    const fileName = decodeUploadFileName(file.originalName).replace(/[\\/\0]/g, '_').slice(0, 255) || 'upload';
    const takenAt = sniffed.image ? readPhotoTakenAt(sniffed.kind, file.buffer) : null;
    let writtenKey: string | null = null;
    try {
      const saved = await this.repository.transaction(async (manager) => {
        const event = await this.events.lockInScope(manager, scope, id);
        this.events.assertStatus(event, EDITABLE, 'given new attachments');
        const attachmentId = randomUUID();
        const storageKey = this.events.directory ? AttachmentDirectory.keyOf(id, attachmentId) : null;
        const attachment = Object.assign(new EventAttachmentEntity(), {
          id: attachmentId,
          eventId: id,
          fileName,
          kind: sniffed.kind,
          contentType: sniffed.contentType,
          size: file.buffer.length,
          sha256: createHash('sha256').update(file.buffer).digest('hex'),
          takenAt,
          storageKey,
          thumbnailType: thumbType,
          uploadedBy: actor.id,
          uploadedByName: actor.name,
        });
        const result = await this.repository.insertAttachment(manager, attachment, {
          content: storageKey ? null : file.buffer,
          thumbnail: storageKey ? null : thumbBytes,
        });
        // Last step of the transaction: a failed write rolls the row back.
        if (this.events.directory && storageKey) {
          await this.events.directory.write(storageKey, file.buffer, thumbBytes);
          writtenKey = storageKey;
        }
        return result;
      });
      return toAttachment(saved);
    } catch (error) {
      if (writtenKey && this.events.directory) await this.events.directory.remove(writtenKey).catch(() => undefined);
      throw error;
    }
  }

  async readAttachment(scope: DivisionScope, id: string, attachmentId: string, thumbnail: boolean): Promise<{ attachment: EventAttachmentEntity; bytes: Buffer; contentType: string }> {
    await this.events.requireRow(scope, id); // 403 for another division's evidence, before anything is read
    const attachment = await this.repository.findAttachment(id, attachmentId);
    if (!attachment) throw new NotFoundException(`Attachment ${attachmentId} does not exist / 附件不存在`);
    const wantThumb = thumbnail && attachment.thumbnailType !== null;
    let bytes: Buffer | null;
    if (attachment.storageKey) {
      if (!this.events.directory) throw new NotFoundException('The attachment is stored in a folder that is not configured (EVENT_ATTACHMENT_DIR) / 附件存储目录未配置');
      bytes = await this.events.directory.read(attachment.storageKey, wantThumb);
    } else {
      bytes = await this.repository.readAttachmentBytes(attachmentId, wantThumb ? 'thumbnail' : 'content');
    }
    if (!bytes) throw new NotFoundException(`The attachment's content is missing / 附件内容缺失`);
    return { attachment, bytes, contentType: wantThumb ? attachment.thumbnailType! : attachment.contentType };
  }

  async deleteAttachment(user: AuthenticatedUser, scope: DivisionScope, id: string, attachmentId: string): Promise<void> {
    let key: string | null = null;
    await this.repository.transaction(async (manager) => {
      const event = await this.events.lockInScope(manager, scope, id);
      this.events.assertStatus(event, EDITABLE, 'changed');
      const attachment = await this.repository.findAttachment(id, attachmentId);
      if (!attachment) throw new NotFoundException(`Attachment ${attachmentId} does not exist / 附件不存在`);
      key = attachment.storageKey;
      await this.repository.removeAttachment(manager, attachment);
    });
    if (key && this.events.directory) await this.events.directory.remove(key).catch(() => undefined);
  }
}
