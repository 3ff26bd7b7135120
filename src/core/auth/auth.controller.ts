import { Body, Controller, Get, HttpCode, HttpStatus, Ip, Post, UseGuards } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiTooManyRequestsResponse,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { Actor, ROLES } from './actor';
import { CurrentActor, CurrentSessionId, Public, Roles } from './auth.decorators';
import { AuthService } from './auth.service';
import { ActorDto, LoginDto, LoginResponseDto } from './dto/login.dto';
import { LoginThrottlerGuard } from './login-throttler';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @UseGuards(LoginThrottlerGuard)
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Start a session; too many wrong passwords lock the username for a while',
  })
  @ApiOkResponse({ type: LoginResponseDto })
  @ApiUnauthorizedResponse({ type: ErrorResponseDto, description: 'INVALID_CREDENTIALS' })
  @ApiTooManyRequestsResponse({
    type: ErrorResponseDto,
    description: 'LOGIN_LOCKED or TOO_MANY_REQUESTS, with a Retry-After header in seconds',
  })
  login(@Body() credentials: LoginDto, @Ip() address: string): Promise<LoginResponseDto> {
    return this.auth.login(credentials, address);
  }

  @Get('me')
  @Roles(...ROLES)
  @ApiBearerAuth()
  @ApiOkResponse({ type: ActorDto })
  me(@CurrentActor() actor: Actor): ActorDto {
    return actor;
  }

  @Post('logout')
  @Roles(...ROLES)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End this session: its token is refused from now on' })
  @ApiNoContentResponse()
  logout(@CurrentActor() actor: Actor, @CurrentSessionId() sessionId: string): Promise<void> {
    return this.auth.logout(actor, sessionId);
  }

  @Post('logout-all')
  @Roles(...ROLES)
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiBearerAuth()
  @ApiOperation({ summary: 'End every session of the caller, on every device' })
  @ApiNoContentResponse()
  logoutEverywhere(@CurrentActor() actor: Actor): Promise<void> {
    return this.auth.logoutEverywhere(actor);
  }
}
