import { OptionalNotNull } from '../../http/corrections.dto';
import { ToNumber } from '../../http/validators';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsNotEmpty,
  IsOptional,
  IsString,
  Matches,
  MaxLength,
  Min,
  MinLength,
} from 'class-validator';
import { PageQueryDto, PageMetaDto } from '../../http/pagination';
import { ROLES, type Role } from '../../auth/actor';
import { User } from '../user.entity';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH, USERNAME_PATTERN } from '../rules/credentials';

export class CreateUserDto {
  @ApiProperty({ example: 'nurse.wang' })
  @Matches(USERNAME_PATTERN, {
    message: 'username must be 3–64 lower-case letters, digits, dots, hyphens or underscores',
  })
  username: string;

  @ApiProperty({ example: '王护士' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role: Role;

  @ApiProperty()
  @ToNumber()
  @IsInt()
  @Min(1)
  facilityId: number;

  @ApiProperty({
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
    description: `At least ${PASSWORD_MIN_LENGTH} characters`,
  })
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password: string;
}

export class UpdateUserDto {
  @ApiProperty({ description: 'The version read; a stale one is refused with 409' })
  @ToNumber()
  @IsInt()
  @Min(1)
  version: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName?: string;

  @ApiPropertyOptional({ enum: ROLES })
  @OptionalNotNull()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'Move the user to another facility (system admins only)' })
  @OptionalNotNull()
  @ToNumber()
  @IsInt()
  @Min(1)
  facilityId?: number;

  @ApiPropertyOptional()
  @OptionalNotNull()
  @IsBoolean()
  active?: boolean;

  @ApiPropertyOptional({ minLength: PASSWORD_MIN_LENGTH, maxLength: PASSWORD_MAX_LENGTH })
  @OptionalNotNull()
  @IsString()
  @MinLength(PASSWORD_MIN_LENGTH)
  @MaxLength(PASSWORD_MAX_LENGTH)
  password?: string;
}

export class UserQueryDto extends PageQueryDto {
  @ApiPropertyOptional()
  @IsOptional()
  @ToNumber()
  @IsInt()
  @Min(1)
  facilityId?: number;
}

export class UserDto {
  @ApiProperty() id: number;
  @ApiProperty() username: string;
  @ApiProperty() displayName: string;
  @ApiProperty({ enum: ROLES }) role: string;
  @ApiProperty() facilityId: number;
  @ApiProperty() active: boolean;
  @ApiProperty() version: number;
}

export class UserPageDto extends PageMetaDto {
  @ApiProperty({ type: [UserDto] }) items: UserDto[];
}

export function mapUser(user: User): UserDto {
  return {
    id: user.id,
    username: user.username,
    displayName: user.displayName,
    role: user.role,
    facilityId: user.facilityId,
    active: user.active,
    version: user.version,
  };
}
