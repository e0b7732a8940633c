import { chmodSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor, Logger, Module, type OnModuleDestroy } from '@nestjs/common';
import { diskStorage, type MultipartStorageEngine } from '@nestjs/platform-fastify';
import { catchError, finalize, from, mergeMap, type Observable, throwError } from 'rxjs';

/** The part of a disk-stored upload's file object we use. */
export interface UploadedImportFile {
  originalname: string;
  path: string;
  size: number;
}

/**
 * Where uploaded import files land: a private directory (mode 0700) under os.tmpdir(), one per
 * api instance, removed when the instance stops. The upload interceptor writes each upload there as
 * it arrives (IMPORT_MAX_BYTES is cut off → 413, and the partial file is removed, also when the
 * client aborts); the import then streams it from disk, and RemoveUploadInterceptor deletes it
 * when the request ends, whatever the outcome.
 */
@Injectable()
export class ImportUploads implements OnModuleDestroy {
  private readonly logger = new Logger(ImportUploads.name);
  readonly dir = mkdtempSync(join(tmpdir(), 'tianfu-uploads-'));
  readonly storage: MultipartStorageEngine;
  // A process that exits without closing the app (a script calling process.exit) still removes it.
  private readonly removeDir = () => rmSync(this.dir, { recursive: true, force: true });

  constructor() {
    chmodSync(this.dir, 0o700);
    process.once('exit', this.removeDir);
    this.storage = diskStorage({
      // Made again if something (a tmp cleaner) removed it while the api ran.
      destination: (_request, _file, callback) => {
        try {
          mkdirSync(this.dir, { recursive: true, mode: 0o700 });
          callback(null, this.dir);
        } catch (error) {
          callback(error as Error, this.dir);
        }
      },
    });
  }

  /** Deletes an upload of this directory (never a path elsewhere); a missing file is fine. */
  async remove(file: { path?: string } | undefined): Promise<void> {
    if (!file?.path || dirname(file.path) !== this.dir) return;
    await rm(file.path, { force: true }).catch((error: unknown) => this.logger.error({ err: error, path: file.path }, 'Could not delete an uploaded import file'));
  }

  onModuleDestroy(): void {
    process.off('exit', this.removeDir);
    this.removeDir();
  }
}

/**
 * Deletes the uploaded file (req.file) once the handler has answered or failed, before the
 * response is sent; also when a pipe refuses the body after the interceptor stored the file. Goes after
 * FileInterceptor in @UseInterceptors.
 */
@Injectable()
export class RemoveUploadInterceptor implements NestInterceptor {
  constructor(private readonly uploads: ImportUploads) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    const request = context.switchToHttp().getRequest<{ file?: UploadedImportFile }>();
    const remove = () => this.uploads.remove(request.file);
    return next.handle().pipe(
      mergeMap(async (value) => {
        await remove();
        return value;
      }),
      catchError((error: unknown) => from(remove()).pipe(mergeMap(() => throwError(() => error)))),
      // Unsubscribed without an outcome (nothing else to wait for): still no file left behind.
      finalize(() => void remove()),
    );
  }
}

@Module({ providers: [ImportUploads], exports: [ImportUploads] })
export class ImportUploadsModule {}
