import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { DataSource, EntityManager, Repository } from 'typeorm';
import { isConstraintViolation } from '../common/database-queries';
import { DomainError, FieldError, NotFoundError, ValidationError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { ReplaceTravelTimeZonesDto, TravelTimeZoneDto, TravelTimeZoneResponse } from './dto/travel-time-zone.dto';
import { TravelTimeZone } from './travel-time-zone.entity';

/** Your travel time zones: list, add, replace, remove. The exclusion constraint keeps them from sharing a day. */
@Injectable()
export class TravelTimeZonesService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(TravelTimeZone) private readonly ranges: Repository<TravelTimeZone>,
  ) {}

  async list(user: AuthenticatedUser): Promise<TravelTimeZoneResponse[]> {
    return (await this.ranges.find({ where: { userId: user.id } })).sort(byStart).map(TravelTimeZoneResponse.from);
  }

  async add(user: AuthenticatedUser, dto: TravelTimeZoneDto): Promise<TravelTimeZoneResponse> {
    requireOrdered([dto], (field) => field);
    const created = await this.write(() => this.insert(this.dataSource.manager, user.id, dto), 'startsOn');
    return TravelTimeZoneResponse.from(created);
  }

  /** The whole list in one transaction, one replacement at a time per person. */
  async replace(user: AuthenticatedUser, dto: ReplaceTravelTimeZonesDto): Promise<TravelTimeZoneResponse[]> {
    requireOrdered(dto.ranges, (field, index) => `ranges.${index}.${field}`);
    await this.write(
      () =>
        this.dataSource.transaction(async (manager) => {
          await manager.query('SELECT id FROM users WHERE id = $1 FOR UPDATE', [user.id]);
          await manager.query('DELETE FROM travel_time_zones WHERE user_id = $1', [user.id]);
          for (const range of dto.ranges) await this.insert(manager, user.id, range);
        }),
      'ranges',
    );
    return this.list(user);
  }

  async remove(user: AuthenticatedUser, rangeId: string): Promise<void> {
    const result = await this.ranges.delete({ id: rangeId, userId: user.id });
    if (!result.affected) throw new NotFoundError('Travel time zone');
  }

  private insert(manager: EntityManager, userId: string, range: TravelTimeZoneDto): Promise<TravelTimeZone> {
    const repository = manager.getRepository(TravelTimeZone);
    return repository.save(repository.create({ userId, timeZone: range.timeZone, startsOn: range.startsOn ?? null, endsOn: range.endsOn ?? null }));
  }

  private async write<T>(work: () => Promise<T>, field: string): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (isConstraintViolation(error, 'travel_time_zones_no_overlap')) {
        throw new DomainError(ErrorCode.TravelTimeZonesOverlap, 'Two of your travel time zones would share a day', [
          { field, messages: ['the days overlap another travel time zone of yours'] },
        ]);
      }
      throw error;
    }
  }
}

function requireOrdered(ranges: TravelTimeZoneDto[], fieldName: (field: string, index: number) => string): void {
  const fields: FieldError[] = [];
  ranges.forEach((range, index) => {
    if (range.startsOn && range.endsOn && range.endsOn < range.startsOn) {
      fields.push({ field: fieldName('endsOn', index), messages: ['endsOn must not be before startsOn'] });
    }
  });
  if (fields.length > 0) throw new ValidationError(fields);
}

function byStart(first: TravelTimeZone, second: TravelTimeZone): number {
  return (first.startsOn ?? '').localeCompare(second.startsOn ?? '') || first.id.localeCompare(second.id);
}
