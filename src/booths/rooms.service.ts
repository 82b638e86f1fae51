import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { isUUID } from 'class-validator';
import { Repository } from 'typeorm';
import { isConstraintViolation } from '../common/database-queries';
import { DomainError, NotFoundError } from '../common/errors/domain-error';
import { ErrorCode } from '../common/errors/error-code';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { EventAccessService } from '../events/event-access.service';

import { CreateRoomDto, RoomResponse, UpdateRoomDto } from './dto/room.dto';
import { Room } from './room.entity';

/** What other modules (the agenda) need of a room. */
export interface RoomSummary {
  id: string;
  nameKo: string;
  nameEn: string;
  capacity: number | null;
}

@Injectable()
export class RoomsService {
  constructor(
    @InjectRepository(Room) private readonly rooms: Repository<Room>,
    private readonly eventAccess: EventAccessService,
  ) {}

  async create(user: AuthenticatedUser, eventId: string, dto: CreateRoomDto): Promise<RoomResponse> {
    await this.eventAccess.requireOrganizer(user, eventId);
    const room = this.rooms.create({ floor: null, capacity: null, ...dto, eventId });
    return RoomResponse.from(await this.named(room.nameEn, () => this.rooms.save(room)));
  }

  /** The event's rooms, for anyone who may see the event (the public for published ones). */
  async list(user: AuthenticatedUser | undefined, eventId: string): Promise<RoomResponse[]> {
    await this.eventAccess.requireVisible(user, eventId);
    const rooms = await this.rooms.find({ where: { eventId }, order: { floor: 'ASC', nameEn: 'ASC' } });
    return rooms.map((room) => RoomResponse.from(room));
  }

  async update(user: AuthenticatedUser, eventId: string, roomId: string, dto: UpdateRoomDto): Promise<RoomResponse> {
    await this.eventAccess.requireOrganizer(user, eventId);
    const room = await this.rooms.findOne({ where: { id: roomId, eventId } });
    if (!room) throw new NotFoundError('Room');
    if (Object.keys(dto).length > 0) {
      // Only the fields sent are written, so a concurrent change to another field is not undone.
      await this.named(dto.nameEn ?? room.nameEn, () => this.rooms.update({ id: roomId, eventId }, { ...dto }));
    }
    const updated = await this.rooms.findOne({ where: { id: roomId, eventId } });
    if (!updated) throw new NotFoundError('Room');
    return RoomResponse.from(updated);
  }

  /** A room the agenda still uses stays (its sessions' foreign key refuses the delete). */
  async remove(user: AuthenticatedUser, eventId: string, roomId: string): Promise<void> {
    await this.eventAccess.requireOrganizer(user, eventId);
    try {
      const result = await this.rooms.delete({ id: roomId, eventId });
      if (!result.affected) throw new NotFoundError('Room');
    } catch (error) {
      if (isConstraintViolation(error, 'agenda_sessions_room_fk')) {
        throw new DomainError(ErrorCode.RoomInUse, 'Move or delete the sessions in this room first');
      }
      throw error;
    }
  }

  /** The room if it belongs to the event, else null: for the agenda, to check where a session takes place. */
  async findRoom(eventId: string, roomId: string): Promise<RoomSummary | null> {
    // A malformed id names no room; asking PostgreSQL would fail on the uuid cast instead.
    if (!isUUID(eventId) || !isUUID(roomId)) return null;
    const room = await this.rooms.findOne({ where: { id: roomId, eventId } });
    return room ? { id: room.id, nameKo: room.nameKo, nameEn: room.nameEn, capacity: room.capacity } : null;
  }

  /** Runs a write that may clash on the room's English name, and says so clearly. */
  private async named<T>(nameEn: string, write: () => Promise<T>): Promise<T> {
    try {
      return await write();
    } catch (error) {
      if (isConstraintViolation(error, 'rooms_name_unique')) {
        throw new DomainError(ErrorCode.RoomNameTaken, `The event already has a room named "${nameEn}"`, [
          { field: 'nameEn', messages: ['nameEn is already used by another room of this event'] },
        ]);
      }
      throw error;
    }
  }
}
