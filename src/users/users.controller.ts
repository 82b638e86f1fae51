import { Body, Controller, Get, Patch } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser } from '../common/http/authenticated-user';
import { CurrentUser } from '../common/http/current-user.decorator';
import { Route } from '../common/http/route.decorator';
import { UpdateProfileDto, UserResponse } from './dto/user.dto';
import { UsersService } from './users.service';

@ApiTags('me')
@Controller('me')
export class UsersController {
  constructor(private readonly usersService: UsersService) {}

  @Get()
  @Route({ summary: 'Your profile', response: UserResponse })
  getProfile(@CurrentUser() user: AuthenticatedUser): Promise<UserResponse> {
    return this.usersService.getProfile(user);
  }

  @Patch()
  @Route({ summary: 'Update your name, language or time zone', response: UserResponse })
  updateProfile(@CurrentUser() user: AuthenticatedUser, @Body() dto: UpdateProfileDto): Promise<UserResponse> {
    return this.usersService.updateProfile(user, dto);
  }
}
