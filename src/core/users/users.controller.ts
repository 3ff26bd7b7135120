import { Body, Controller, Get, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiOkResponse,
  ApiTags,
} from '@nestjs/swagger';
import { Roles } from '../auth/auth.decorators';
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

@ApiTags('users')
@ApiBearerAuth()
@Roles('admin')
@Controller('users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Get()
  @ApiOkResponse({ type: UserPageDto })
  async list(@Query() query: UserQueryDto): Promise<UserPageDto> {
    const page = await this.users.findPage(query);
    return { ...page, items: page.items.map(mapUser) };
  }

  @Get(':id')
  @ApiOkResponse({ type: UserDto })
  async get(@IdParam() id: number): Promise<UserDto> {
    return mapUser(await this.users.findById(id));
  }

  @Post()
  @ApiCreatedResponse({ type: UserDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'USERNAME_TAKEN' })
  async create(@Body() input: CreateUserDto): Promise<UserDto> {
    return mapUser(await this.users.create(input));
  }

  @Patch(':id')
  @ApiOkResponse({ type: UserDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION' })
  async update(@IdParam() id: number, @Body() input: UpdateUserDto): Promise<UserDto> {
    return mapUser(await this.users.update(id, input));
  }
}
