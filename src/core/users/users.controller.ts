import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Patch,
  Post,
  Query,
} from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import type { Actor } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { adminScopeOf } from '../auth/facility-scope';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { IdParam } from '../http/id-param';
import {
  CreateUserDto,
  mapUser,
  UpdateUserDto,
  UserDto,
  UserPageDto,
  UserQueryDto,
} from './dto/user.dto';
import { UsersService } from './users.service';

/** A facility admin manages its own facility's users; a system admin every facility's. */
@ApiTags('users')
@ApiBearerAuth()
@Roles('admin', 'system_admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserPageDto })
  async list(@Query() query: UserQueryDto, @CurrentActor() actor: Actor): Promise<UserPageDto> {
    const page = await this.users.findPage(query, adminScopeOf(actor));
    return { ...page, items: page.items.map(mapUser) };
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'USER_NOT_FOUND' })
  async get(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<UserDto> {
    return mapUser(await this.users.findById(id, adminScopeOf(actor)));
  }

  @Post()
  @ApiCreatedResponse({ type: UserDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'FACILITY_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'USERNAME_TAKEN' })
  async create(@Body() input: CreateUserDto, @CurrentActor() actor: Actor): Promise<UserDto> {
    return mapUser(await this.users.create(input, adminScopeOf(actor)));
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a user; deactivation, a new role, facility or password end their sessions',
  })
  @ApiOkResponse({ type: UserDto })
  @ApiNotFoundResponse({
    type: ErrorResponseDto,
    description: 'USER_NOT_FOUND, FACILITY_NOT_FOUND',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION' })
  async update(
    @IdParam() id: number,
    @Body() input: UpdateUserDto,
    @CurrentActor() actor: Actor,
  ): Promise<UserDto> {
    return mapUser(await this.users.update(id, input, adminScopeOf(actor)));
  }

  @Delete(':id/sessions')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'End every session of the user: their tokens are refused from now on' })
  @ApiNoContentResponse()
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'USER_NOT_FOUND' })
  endSessions(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<void> {
    return this.users.endAllSessions(id, adminScopeOf(actor));
  }
}
