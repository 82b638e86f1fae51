import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, Repository } from 'typeorm';
import { isConstraintViolation, queryRows } from '../common/database-queries';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventAccessService } from '../events/event-access.service';

import { CreatePavilionDto, PavilionResponse, UpdatePavilionDto } from './dto/pavilion.dto';
import { Pavilion } from './pavilion.entity';

@Injectable()
export class PavilionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Pavilion) private readonly pavilions: Repository<Pavilion>,
    private readonly eventAccess: EventAccessService,
  ) {}

  async create(user: AuthenticatedUser, eventId: string, dto: CreatePavilionDto): Promise<PavilionResponse> {
    await this.eventAccess.requireOrganizer(user, eventId);
    const pavilion = this.pavilions.create({ floor: null, theme: null, sortOrder: 0, ...dto, eventId });
    return PavilionResponse.from(await this.named(pavilion.nameEn, () => this.pavilions.save(pavilion)));
  }

  /** The event's pavilions, for anyone who may see the event (the public for published ones). */
  async list(user: AuthenticatedUser | undefined, eventId: string): Promise<PavilionResponse[]> {
    await this.eventAccess.requireVisible(user, eventId);
    return (await this.listOfEvent(eventId)).map((pavilion) => PavilionResponse.from(pavilion));
  }

  async update(user: AuthenticatedUser, eventId: string, pavilionId: string, dto: UpdatePavilionDto): Promise<PavilionResponse> {
    await this.eventAccess.requireOrganizer(user, eventId);
    const pavilion = await this.pavilions.findOne({ where: { id: pavilionId, eventId } });
    if (!pavilion) throw new NotFoundError('Pavilion');
    if (Object.keys(dto).length > 0) {
      // Only the fields sent are written, so a concurrent change to another field is not undone.
      await this.named(dto.nameEn ?? pavilion.nameEn, () => this.pavilions.update({ id: pavilionId, eventId }, { ...dto }));
    }
    const updated = await this.pavilions.findOne({ where: { id: pavilionId, eventId } });
    if (!updated) throw new NotFoundError('Pavilion');
    return PavilionResponse.from(updated);
  }

  /**
   * Only an empty pavilion goes: the booths' foreign key refuses otherwise, also against a booth created at the same
   * moment. Applications that preferred it forget it in the same transaction.
   */
  async remove(user: AuthenticatedUser, eventId: string, pavilionId: string): Promise<void> {
    await this.eventAccess.requireOrganizer(user, eventId);
    try {
      await this.dataSource.transaction(async (manager) => {
        const deleted = await queryRows(manager, 'DELETE FROM pavilions WHERE id = $1 AND event_id = $2 RETURNING id', [pavilionId, eventId]);
        if (deleted.length === 0) throw new NotFoundError('Pavilion');
        await manager.query(
          `UPDATE exhibitor_applications SET preferred_pavilion_ids = array_remove(preferred_pavilion_ids, $1)
            WHERE event_id = $2 AND $1 = ANY(preferred_pavilion_ids)`,
          [pavilionId, eventId],
        );
      });
    } catch (error) {
      if (isConstraintViolation(error, 'booths_pavilion_fk')) {
        throw new DomainError(ErrorCode.PavilionHasBooths, 'Delete or move its booths first');
      }
      throw error;
    }
  }

  /** For the directory: in floor-plan order. */
  listOfEvent(eventId: string): Promise<Pavilion[]> {
    return this.pavilions.find({ where: { eventId }, order: { sortOrder: 'ASC', floor: 'ASC', nameEn: 'ASC' } });
  }

  /** Runs a write that may clash on the pavilion's English name, and says so clearly. */
  private async named<T>(nameEn: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isConstraintViolation(error, 'pavilions_name_unique')) {
        throw new DomainError(ErrorCode.PavilionNameTaken, `The event already has a pavilion named "${nameEn}"`, [
          { field: 'nameEn', messages: ['nameEn is already used by another pavilion of this event'] },
        ]);
      }
      throw error;
    }
  }
}
