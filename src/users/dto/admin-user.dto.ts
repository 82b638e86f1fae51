import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean } from 'class-validator';
import { PageQuery } from '../../common/http/page-query';
import { UserResponse } from './user.dto';

/** Search looks in names and emails; 50 accounts a page unless `limit` says otherwise. */
export class ListUsersQuery extends PageQuery {}

export class UpdatePlatformRoleDto {
  @ApiProperty()
  @IsBoolean()
  isPlatformAdmin!: boolean;
}

export class UserListResponse {
  @ApiProperty({ type: [UserResponse] }) items!: UserResponse[];
  @ApiProperty() total!: number;
}
