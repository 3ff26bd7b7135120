import { Body, Controller, Get, Patch, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
} from '@nestjs/swagger';
import { type Actor, ROLES } from '../auth/actor';
import { CurrentActor, Roles } from '../auth/auth.decorators';
import { adminScopeOf } from '../auth/facility-scope';
import { ErrorResponseDto } from '../errors/error-response.dto';
import { IdParam } from '../http/id-param';
import { CreateFacilityDto, FacilityDto, mapFacility, UpdateFacilityDto } from './dto/facility.dto';
import { FacilitiesService } from './facilities.service';

@ApiTags('facilities')
@ApiBearerAuth()
@Controller('facilities')
export class FacilitiesController {
  constructor(private readonly facilities: FacilitiesService) {}

  @Get()
  @Roles(...ROLES)
  @ApiOkResponse({ type: [FacilityDto] })
  async list(): Promise<FacilityDto[]> {
    return (await this.facilities.findAll()).map(mapFacility);
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOkResponse({ type: FacilityDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@IdParam() id: number): Promise<FacilityDto> {
    return mapFacility(await this.facilities.findById(id));
  }

  @Post()
  @Roles('system_admin')
  @ApiCreatedResponse({ type: FacilityDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'FACILITY_CODE_TAKEN' })
  async create(@Body() input: CreateFacilityDto): Promise<FacilityDto> {
    return mapFacility(await this.facilities.create(input));
  }

  @Patch(':id')
  @Roles('admin', 'system_admin')
  @ApiOperation({ summary: 'Change a facility: a facility admin only its own' })
  @ApiOkResponse({ type: FacilityDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'FACILITY_NOT_FOUND' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'STALE_VERSION or FACILITY_CODE_TAKEN',
  })
  async update(
    @IdParam() id: number,
    @Body() input: UpdateFacilityDto,
    @CurrentActor() actor: Actor,
  ): Promise<FacilityDto> {
    return mapFacility(await this.facilities.update(id, input, adminScopeOf(actor)));
  }
}
