import { ApiProperty } from '@nestjs/swagger';
import { IsNotEmpty, IsString, MaxLength } from 'class-validator';
import { ROLES } from '../actor';

export class LoginDto {
  @ApiProperty({ example: 'nurse.f1' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(64)
  username: string;

  @ApiProperty({ example: 'Demo-Nurse-2026' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  password: string;
}

export class ActorDto {
  @ApiProperty() userId: number;
  @ApiProperty() username: string;
  @ApiProperty() facilityId: number;
  @ApiProperty({ enum: ROLES }) role: string;
}

export class LoginResponseDto {
  @ApiProperty() accessToken: string;
  @ApiProperty({ example: 'Bearer' }) tokenType: 'Bearer';
  @ApiProperty({ description: 'Seconds until the token expires' }) expiresIn: number;
  @ApiProperty({ type: ActorDto }) user: ActorDto;
}
