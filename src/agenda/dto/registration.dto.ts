import { ApiProperty } from '@nestjs/swagger';
import { IsUUID } from 'class-validator';
import { RegistrationStatus } from '../agenda.enums';
import { SessionResponse } from './session.dto';

export class AddRegistrationDto {
  @ApiProperty({ format: 'uuid', description: 'The person to register (or invite, for an invited session)' })
  @IsUUID()
  userId!: string;
}

/** A registration row as read with its place in the waitlist. */
export interface RegistrationRow {
  sessionId: string;
  userId: string;
  status: RegistrationStatus;
  createdAt: Date;
  waitlistPosition: number | null;
}

export class RegistrationResponse {
  @ApiProperty({ format: 'uuid' }) sessionId!: string;
  @ApiProperty({ format: 'uuid' }) userId!: string;
  @ApiProperty({ enum: RegistrationStatus, enumName: 'RegistrationStatus' }) status!: RegistrationStatus;
  @ApiProperty({ nullable: true, description: '1 for the first in line; null when registered' }) waitlistPosition!: number | null;
  @ApiProperty({ description: 'When the person registered or joined the waitlist' }) createdAt!: Date;

  static from(row: RegistrationRow): RegistrationResponse {
    return {
      sessionId: row.sessionId,
      userId: row.userId,
      status: row.status,
      waitlistPosition: row.waitlistPosition,
      createdAt: row.createdAt,
    };
  }
}

/** For organizers: who holds a seat or waits for one. */
export class SessionRegistrantResponse extends RegistrationResponse {
  @ApiProperty() name!: string;
  @ApiProperty() email!: string;

  static fromPerson(row: RegistrationRow, person: { name: string; email: string }): SessionRegistrantResponse {
    return { ...RegistrationResponse.from(row), name: person.name, email: person.email };
  }
}

/** A session in someone's personal agenda, with what they do there. */
export class MyAgendaItemResponse extends SessionResponse {
  @ApiProperty({ description: 'You speak at this session' }) speaking!: boolean;
  @ApiProperty({ nullable: true, description: 'Your place on the waitlist (1 = next); null unless waitlisted' })
  waitlistPosition!: number | null;

  static fromSession(session: SessionResponse, speaking: boolean, waitlistPosition: number | null): MyAgendaItemResponse {
    return { ...session, speaking, waitlistPosition };
  }
}
