import { ApiProperty } from '@nestjs/swagger';
import { ERROR_HTTP_STATUS } from './error-codes';

export class ErrorDetailDto {
  @ApiProperty({ example: 'woman.documentNumber' })
  field: string;

  @ApiProperty({ example: 'checkCharacter' })
  rule: string;

  @ApiProperty({ example: 'check character should be 4' })
  message: string;
}

export class ErrorResponseDto {
  @ApiProperty({ example: 400 })
  statusCode: number;

  @ApiProperty({ enum: Object.keys(ERROR_HTTP_STATUS), example: 'VALIDATION_FAILED' })
  code: string;

  @ApiProperty({ example: 'Request validation failed' })
  message: string;

  @ApiProperty({ type: [ErrorDetailDto] })
  details: ErrorDetailDto[];

  @ApiProperty({ required: false, description: 'Present on internal errors, to quote to support' })
  requestId?: string;
}
