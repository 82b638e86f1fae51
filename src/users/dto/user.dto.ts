import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsEnum, IsString, IsTimeZone, MaxLength, MinLength } from 'class-validator';
import { MayBeOmitted } from '../../common/validation/may-be-omitted';
import { Language } from '../language';
import { User } from '../user.entity';

const trimmed = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim() : value);

export const PASSWORD_MIN_LENGTH = 10;

export class RegisterUserDto {
  @ApiProperty({ example: 'minji@example.com' })
  @Transform(trimmed)
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @ApiProperty({ minLength: PASSWORD_MIN_LENGTH, example: 'correct horse battery' })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(200)
  password!: string;

  @ApiProperty({ example: 'Kim Minji' })
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: Language, enumName: 'Language' })
  @IsEnum(Language)
  language!: Language;

  @ApiProperty({ example: 'Asia/Seoul', description: 'IANA time zone' })
  @IsTimeZone()
  timeZone!: string;
}

export class UpdateProfileDto {
  @ApiPropertyOptional({ example: 'Kim Minji' })
  @MayBeOmitted()
  @Transform(trimmed)
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: Language, enumName: 'Language' })
  @MayBeOmitted()
  @IsEnum(Language)
  language?: Language;

  @ApiPropertyOptional({ example: 'America/New_York' })
  @MayBeOmitted()
  @IsTimeZone()
  timeZone?: string;
}

export class UserResponse {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() email!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: Language, enumName: 'Language' }) language!: Language;
  @ApiProperty({ example: 'Asia/Seoul' }) timeZone!: string;
  @ApiProperty() isPlatformAdmin!: boolean;
  @ApiProperty() createdAt!: Date;

  static from(user: User): UserResponse {
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      language: user.language,
      timeZone: user.timeZone,
      isPlatformAdmin: user.isPlatformAdmin,
      createdAt: user.createdAt,
    };
  }
}
