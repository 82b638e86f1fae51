import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import slugify from 'slugify';
import { Brackets, DataSource, Repository } from 'typeorm';
import { isConstraintViolation } from '../common/database-queries';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CreateEventDto, EventListResponse, EventResponse, isReservedSlug, ListEventsQuery, UpdateEventDto } from './dto/event.dto';
import { EventAccessService } from './event-access.service';
import { EventMembership } from './event-membership.entity';
import { EventRole, EventStatus } from './event.enums';
import { Event } from './event.entity';

const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class EventsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(Event) private readonly events: Repository<Event>,
    @InjectRepository(EventMembership) private readonly memberships: Repository<EventMembership>,
    private readonly eventAccess: EventAccessService,
  ) {}

  /** Any signed-in person may create an event; they become its organizer. */
  async create(user: AuthenticatedUser, dto: CreateEventDto): Promise<EventResponse> {
    assertDatesOrdered(dto.startsOn, dto.endsOn);
    if (dto.slug) return this.insert(user, dto, dto.slug);
    // A slug derived from the name is tried as is, then with a random suffix if another event has it.
    const base = slugBase(dto.name);
    if (isReservedSlug(base)) return this.insert(user, dto, `${base}-${randomBytes(3).toString('hex')}`);
    try {
      return await this.insert(user, dto, base);
    } catch (error) {
      if (!(error instanceof DomainError && error.code === ErrorCode.SlugTaken)) throw error;
      return this.insert(user, dto, `${base}-${randomBytes(3).toString('hex')}`);
    }
  }

  private async insert(user: AuthenticatedUser, dto: CreateEventDto, slug: string): Promise<EventResponse> {
    try {
      return await this.dataSource.transaction(async (manager) => {
        const events = manager.getRepository(Event);
        const event = await events.save(
          events.create({ description: null, venueName: null, venueAddress: null, status: EventStatus.Draft, ...dto, slug }),
        );
        await manager.getRepository(EventMembership).insert({ eventId: event.id, userId: user.id, roles: [EventRole.Organizer] });
        return EventResponse.from(event, [EventRole.Organizer]);
      });
    } catch (error) {
      if (isConstraintViolation(error, 'events_slug_unique')) throw slugTaken(slug);
      throw error;
    }
  }

  /** Published events, for everyone (no sign-in needed). */
  async listPublished(user: AuthenticatedUser | undefined, query: ListEventsQuery): Promise<EventListResponse> {
    const builder = this.events
      .createQueryBuilder('event')
      .where('event.status = :status', { status: EventStatus.Published })
      .orderBy('event.startsOn', 'ASC')
      .addOrderBy('event.id', 'ASC')
      .take(query.limit ?? 20)
      .skip(query.offset ?? 0);
    if (query.search) {
      const pattern = `%${query.search.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
      builder.andWhere(
        new Brackets((where) =>
          where
            .where('event.name ILIKE :pattern', { pattern })
            .orWhere('event.venueName ILIKE :pattern')
            .orWhere('event.description ILIKE :pattern'),
        ),
      );
    }
    const [events, total] = await builder.getManyAndCount();
    const roles = await this.rolesByEvent(user, events.map((event) => event.id));
    return { items: events.map((event) => EventResponse.from(event, roles.get(event.id) ?? [])), total };
  }

  /** Every event you belong to; drafts only where you organize (as everywhere, drafts are the organizers'). */
  async listMine(user: AuthenticatedUser): Promise<EventResponse[]> {
    const memberships = await this.memberships.find({
      where: { userId: user.id },
      relations: { event: true },
      order: { event: { startsOn: 'DESC' } },
    });
    return memberships
      .filter((membership) => membership.event!.status !== EventStatus.Draft || membership.roles.includes(EventRole.Organizer))
      .map((membership) => EventResponse.from(membership.event!, membership.roles));
  }

  /** By id or slug. Drafts exist only for their organizers; published and archived events for everyone. */
  async get(user: AuthenticatedUser | undefined, idOrSlug: string): Promise<EventResponse> {
    const event = await this.events.findOne({ where: UUID_PATTERN.test(idOrSlug) ? { id: idOrSlug } : { slug: idOrSlug } });
    if (!event) throw new NotFoundError('Event');
    const { roles } = await this.eventAccess.visibleAccess(user, event);
    return EventResponse.from(event, roles);
  }

  async update(user: AuthenticatedUser, eventId: string, dto: UpdateEventDto): Promise<EventResponse> {
    const { event, roles } = await this.eventAccess.requireOrganizer(user, eventId);
    Object.assign(event, dto);
    assertDatesOrdered(event.startsOn, event.endsOn);
    try {
      return EventResponse.from(await this.events.save(event), roles);
    } catch (error) {
      if (isConstraintViolation(error, 'events_slug_unique')) throw slugTaken(event.slug);
      throw error;
    }
  }

  private async rolesByEvent(user: AuthenticatedUser | undefined, eventIds: string[]): Promise<Map<string, EventRole[]>> {
    if (!user || eventIds.length === 0) return new Map();
    const memberships = await this.memberships
      .createQueryBuilder('membership')
      .where('membership.userId = :userId', { userId: user.id })
      .andWhere('membership.eventId IN (:...eventIds)', { eventIds })
      .getMany();
    return new Map(memberships.map((membership) => [membership.eventId, membership.roles]));
  }
}

function assertDatesOrdered(startsOn: string, endsOn: string): void {
  if (endsOn < startsOn) {
    throw new DomainError(ErrorCode.InvalidDateRange, 'The last day comes before the first', [
      { field: 'endsOn', messages: ['endsOn must be on or after startsOn'] },
    ]);
  }
}

/** A readable slug from the name; names without Latin letters (e.g. Korean) fall back to "event". */
function slugBase(name: string): string {
  return slugify(name, { lower: true, strict: true }).slice(0, 60).replace(/-+$/, '') || 'event';
}

function slugTaken(slug: string): DomainError {
  return new DomainError(ErrorCode.SlugTaken, `The slug "${slug}" is taken`, [{ field: 'slug', messages: ['slug is already in use'] }]);
}
