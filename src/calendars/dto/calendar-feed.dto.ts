import { ApiProperty } from '@nestjs/swagger';

export class CalendarFeedResponse {
  @ApiProperty({ example: 'http://localhost:3000/calendar-feeds/3q2-…-8Kc.ics', description: 'Shown once: subscribe to it; anyone with it can read your calendar' })
  url!: string;
  @ApiProperty({ example: 'webcal://localhost:3000/calendar-feeds/3q2-…-8Kc.ics', description: 'The same, for calendar apps that open webcal links' })
  webcalUrl!: string;
  @ApiProperty() createdAt!: string;
}

export class CalendarFeedStatusResponse {
  @ApiProperty({ description: 'Whether you have a subscription link (its token is never shown again)' }) active!: boolean;
  @ApiProperty({ nullable: true }) createdAt!: string | null;
}
