import { Body, Controller, Get, Patch, Post, Put } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
import {
  CreateFacilityDto,
  FacilityDto,
  mapFacility,
  ServiceAreasDto,
  UpdateFacilityDto,
} from './dto/facility.dto';
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
    const areas = await this.facilities.serviceAreasOf();
    return (await this.facilities.findAll()).map((f) => mapFacility(f, areas.get(f.id)));
  }

  @Get(':id')
  @Roles(...ROLES)
  @ApiOkResponse({ type: FacilityDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@IdParam() id: number): Promise<FacilityDto> {
    const facility = await this.facilities.findById(id);
    return mapFacility(facility, (await this.facilities.serviceAreasOf([id])).get(id));
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
    const facility = await this.facilities.update(id, input, adminScopeOf(actor));
    return mapFacility(facility, (await this.facilities.serviceAreasOf([id])).get(id));
  }

  @Put(':id/service-areas')
  @Roles('system_admin')
  @ApiOperation({
    summary:
      'The region codes a community centre serves (its 辖区), replacing its list: delivery notices for a 产休地 there go to it',
  })
  @ApiOkResponse({ type: FacilityDto })
  @ApiBadRequestResponse({ type: ErrorResponseDto, description: 'VALIDATION_FAILED' })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'FACILITY_NOT_FOUND' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'SERVICE_AREA_TAKEN' })
  async setServiceAreas(
    @IdParam() id: number,
    @Body() input: ServiceAreasDto,
  ): Promise<FacilityDto> {
    const serviceAreas = await this.facilities.setServiceAreas(id, input);
    return mapFacility(await this.facilities.findById(id), serviceAreas);
  }
}
