import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { OptionalUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { DirectoryQuery, DirectoryResponse } from './dto/directory.dto';
import { DirectoryService } from './directory.service';

@ApiTags('expo floor')
@Controller('events/:eventId/directory')
export class DirectoryController {
  constructor(private readonly directoryService: DirectoryService) {}

  @Get()
  @Route({
    summary: 'Exhibitor directory: pavilions, exhibitors and their booths (public for published events)',
    description: 'Filter by pavilion or sector; search names, sectors, booth descriptions and products in Korean or English.',
    public: true,
    response: DirectoryResponse,
  })
  directory(
    @OptionalUser() user: AuthenticatedUser | undefined,
    @Param('eventId', ParseIdPipe) eventId: string,
    @Query() query: DirectoryQuery,
  ): Promise<DirectoryResponse> {
    return this.directoryService.directory(user, eventId, query);
  }
}
