import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EventsRepository } from './events.repository.js';
import { EventTypeEntity } from './entities/event-type.entity.js';
import { type CreateEventTypeDto, type UpdateEventTypeDto } from './dto/event.dto.js';
import { type EventType } from '@app/contracts';

/** The event-type dictionary (admin-maintained; retired types kept for the events that use them). */
@Injectable()
export class EventTypesService {
  constructor(private readonly repository: EventsRepository) {}

  async listTypes(): Promise<EventType[]> {
    return (await this.repository.listTypes()).map((t) => ({ code: t.code, nameZh: t.nameZh, nameEn: t.nameEn, sort: t.sort, active: t.active }));
  }

  async createType(input: CreateEventTypeDto): Promise<EventType> {
    if (await this.repository.findType(input.code)) {
      throw new ConflictException({ statusCode: 409, message: `Event type ${input.code} exists / 活动类型已存在`, errors: [{ field: 'code', message: 'already exists / 已存在' }] });
    }
    await this.assertNameFree(input.nameZh, null);
    const saved = await this.repository.saveType(
      Object.assign(new EventTypeEntity(), { code: input.code, nameZh: input.nameZh.trim(), nameEn: input.nameEn.trim(), sort: input.sort ?? 0, active: input.active ?? true }),
    );
    return { code: saved.code, nameZh: saved.nameZh, nameEn: saved.nameEn, sort: saved.sort, active: saved.active };
  }

  async updateType(code: string, input: UpdateEventTypeDto): Promise<EventType> {
    const type = await this.repository.findType(code);
    if (!type) throw new NotFoundException(`Event type ${code} does not exist / 活动类型不存在`);
    if (input.nameZh !== undefined) await this.assertNameFree(input.nameZh.trim(), code);
    Object.assign(type, {
      nameZh: input.nameZh?.trim() ?? type.nameZh,
      nameEn: input.nameEn?.trim() ?? type.nameEn,
      sort: input.sort ?? type.sort,
      active: input.active ?? type.active,
    });
    const saved = await this.repository.saveType(type);
    return { code: saved.code, nameZh: saved.nameZh, nameEn: saved.nameEn, sort: saved.sort, active: saved.active };
  }

  private async assertNameFree(nameZh: string, code: string | null): Promise<void> {
    const other = await this.repository.findTypeByNameZh(nameZh);
    if (other && other.code !== code) {
      throw new ConflictException({ statusCode: 409, message: `The name ${nameZh} is taken / 名称已被使用`, errors: [{ field: 'nameZh', message: 'already used / 已被使用' }] });
    }
  }
}
