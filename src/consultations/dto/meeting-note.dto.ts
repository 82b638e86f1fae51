import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { MeetingNote } from '../meeting-note.entity';

/** PUT replaces the whole note: a field left out is cleared. */
export class WriteMeetingNoteDto {
  @ApiPropertyOptional({ example: 'Strong team; follow up on the FDA timeline.', description: 'Private: only you ever see it', nullable: true })
  @IsOptional()
  @IsString()
  @MaxLength(10_000)
  body?: string | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 5, example: 4, description: 'Your rating of the meeting, 1 to 5', nullable: true })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number | null;
}

/** Your own note on a meeting: never shown to the other side or to organizers. */
export class MeetingNoteResponse {
  @ApiProperty({ format: 'uuid' }) meetingId!: string;
  @ApiProperty({ nullable: true }) body!: string | null;
  @ApiProperty({ nullable: true, minimum: 1, maximum: 5 }) rating!: number | null;
  @ApiProperty() updatedAt!: Date;

  static from(note: MeetingNote): MeetingNoteResponse {
    return { meetingId: note.meetingId, body: note.body, rating: note.rating, updatedAt: note.updatedAt };
  }
}
