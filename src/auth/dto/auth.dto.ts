import { ApiProperty } from '@nestjs/swagger';
import { IsEmail, IsString, MaxLength, MinLength } from 'class-validator';
import { PASSWORD_MIN_LENGTH, UserResponse } from '../../users/dto/user.dto';

export class LoginDto {
  @ApiProperty({ example: 'organizer@kglobal.example' })
  @IsEmail()
  email!: string;

  @ApiProperty({ example: 'matchday-demo-2023' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  password!: string;
}

export class RefreshTokenDto {
  @ApiProperty({ description: 'The refresh token from the last sign-in or refresh; it can be used once' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  refreshToken!: string;
}

export class ChangePasswordDto {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  currentPassword!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(200)
  newPassword!: string;
}

export class TokenResponse {
  @ApiProperty({ example: 'Bearer' }) tokenType!: 'Bearer';
  @ApiProperty({ description: 'JWT for the Authorization header' }) accessToken!: string;
  @ApiProperty() accessTokenExpiresAt!: Date;
  @ApiProperty({ description: 'Opaque, single-use; exchange at POST /auth/refresh' }) refreshToken!: string;
  @ApiProperty() refreshTokenExpiresAt!: Date;
  @ApiProperty({ type: UserResponse }) user!: UserResponse;
}
