import { Body, Controller, Get, Param, Patch, Query } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { ParseIdPipe } from '../common/http/parse-id.pipe';
import { Route } from '../common/http/route.decorator';
import { ListUsersQuery, UpdatePlatformRoleDto, UserListResponse } from './dto/admin-user.dto';
import { UserResponse } from './dto/user.dto';
import { UsersService } from './users.service';

/** For platform operators; everyone else gets 404 here. */
@ApiTags('admin')
@Controller('admin/users')
export class AdminUsersController {
  constructor(private readonly usersService: UsersService) {}

  @Get()
  @Route({ summary: 'All accounts (platform admins)', platformAdmin: true, response: UserListResponse })
  list(@CurrentUser() user: AuthenticatedUser, @Query() query: ListUsersQuery): Promise<UserListResponse> {
    return this.usersService.list(user, query);
  }

  @Patch(':userId/platform-role')
  @Route({
    summary: 'Grant or withdraw the platform admin role (platform admins)',
    description: 'Takes effect at the next sign-in or token refresh of that person.',
    platformAdmin: true,
    response: UserResponse,
  })
  setPlatformRole(
    @CurrentUser() user: AuthenticatedUser,
    @Param('userId', ParseIdPipe) userId: string,
    @Body() dto: UpdatePlatformRoleDto,
  ): Promise<UserResponse> {
    return this.usersService.setPlatformRole(user, userId, dto);
  }
}
