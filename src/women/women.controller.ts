import { Body, Controller, Get, HttpCode, HttpStatus, Patch, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import type { Actor } from '../core/auth/actor';
import { CurrentActor, Roles } from '../core/auth/auth.decorators';
import { ErrorResponseDto } from '../core/errors/error-response.dto';
import { IdParam } from '../core/http/id-param';
import { PageQueryDto } from '../core/http/pagination';
import {
  AddScanDto,
  AsOfQueryDto,
  CorrectDocumentDto,
  MergeDecisionDto,
  MergeNoteDto,
  MergeReviewRequestDto,
  PregnancySearchDto,
  RedatingDto,
  ReopenPregnancyDto,
  StatusChangeDto,
  UpdatePregnancyDto,
  UpdateWomanDto,
} from './dto/pregnancy-commands.dto';
import { RegistrationDto, WomanInputDto } from './dto/registration.dto';
import {
  AddScanResultDto,
  DatingScanDto,
  DocumentCorrectionResultDto,
  EddChangeDto,
  GestationalAgeDto,
  MergeComparisonDto,
  MergeResultDto,
  MergeReviewDto,
  MergeReviewPageDto,
  PossibleDuplicatePageDto,
  PregnancyDto,
  PregnancyPageDto,
  PregnancyWithWomanDto,
  RegistrationResultDto,
  WomanContactDto,
  WomanDto,
  WomanRegistrationResultDto,
} from './dto/women-responses.dto';
import { MergesService } from './merges.service';
import { PregnanciesService } from './pregnancies.service';
import { RegistrationService } from './registration.service';
import { WomenService } from './women.service';
import {
  gestationalAgeOn,
  mapDatingScan,
  mapEddChange,
  mapPregnancy,
  mapPregnancyListItem,
  mapWoman,
} from './women.mapper';

class WomanWithPregnanciesDto extends WomanDto {
  @ApiProperty({ type: [PregnancyDto] }) pregnancies: PregnancyDto[];
}

@ApiTags('registration')
@ApiBearerAuth()
@Controller('registrations')
export class RegistrationsController {
  constructor(private readonly registration: RegistrationService) {}

  @Post()
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'Register a woman (or reuse her record) and her pregnancy (建册)',
    description:
      'A woman known by her document at facilities that hold none of her record here is reused unchanged: contact details typed here are not applied, and the answer shows only what was typed (contactDetailsApplied: false).',
  })
  @ApiCreatedResponse({ type: RegistrationResultDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'VALIDATION_FAILED, RESIDENT_ID_INVALID, BIRTH_DATE_MISMATCH, DATING_*',
  })
  @ApiUnprocessableEntityResponse({
    type: ErrorResponseDto,
    description: 'RESIDENT_ID_MALE_SEQUENCE',
  })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description:
      'PREGNANCY_ALREADY_OPEN, DOCUMENT_NAME_MISMATCH (name or birth date differs from the record)',
  })
  @ApiForbiddenResponse({ type: ErrorResponseDto })
  register(
    @Body() input: RegistrationDto,
    @CurrentActor() actor: Actor,
  ): Promise<RegistrationResultDto> {
    return this.registration.register(input, actor);
  }
}

@ApiTags('pregnancies')
@ApiBearerAuth()
@Controller('pregnancies')
export class PregnanciesController {
  constructor(private readonly pregnancies: PregnanciesService) {}

  @Get()
  @ApiOperation({ summary: 'Search pregnancies of your facility; identities masked' })
  @ApiOkResponse({ type: PregnancyPageDto })
  async search(
    @Query() query: PregnancySearchDto,
    @CurrentActor() actor: Actor,
  ): Promise<PregnancyPageDto> {
    const page = await this.pregnancies.search(query, actor);
    const today = this.pregnancies.today();
    return { ...page, items: page.items.map((item) => mapPregnancyListItem(item, today)) };
  }

  @Get(':id')
  @ApiOperation({
    summary: 'One pregnancy with the woman; full ID and phone for nurses and MCH staff (audited)',
  })
  @ApiOkResponse({ type: PregnancyWithWomanDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(
    @IdParam() id: number,
    @Query() query: AsOfQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<PregnancyWithWomanDto> {
    const { pregnancy, unmasked } = await this.pregnancies.findOneWithWoman(id, actor);
    return {
      ...mapPregnancy(pregnancy, query.asOf ?? this.pregnancies.today()),
      woman: mapWoman(pregnancy.woman, unmasked),
    };
  }

  @Get(':id/gestational-age')
  @ApiOperation({ summary: 'Gestational age as of a date (default today)' })
  @ApiOkResponse({ type: GestationalAgeDto })
  async gestationalAge(
    @IdParam() id: number,
    @Query() query: AsOfQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<GestationalAgeDto | null> {
    const pregnancy = await this.pregnancies.findOne(id, actor);
    return gestationalAgeOn(pregnancy.edd, query.asOf ?? this.pregnancies.today());
  }

  @Get(':id/edd-changes')
  @ApiOperation({ summary: 'Every EDD the pregnancy has had, with source, who and when' })
  @ApiOkResponse({ type: [EddChangeDto] })
  async eddChanges(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<EddChangeDto[]> {
    return (await this.pregnancies.eddChanges(id, actor)).map(mapEddChange);
  }

  @Patch(':id')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'Correct registration details (optimistic version)' })
  @ApiOkResponse({ type: PregnancyDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION' })
  async update(
    @IdParam() id: number,
    @Body() input: UpdatePregnancyDto,
    @CurrentActor() actor: Actor,
  ): Promise<PregnancyDto> {
    return mapPregnancy(await this.pregnancies.update(id, input, actor), this.pregnancies.today());
  }

  @Post(':id/status')
  @HttpCode(HttpStatus.OK)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({ summary: 'Move the pregnancy to another status, with a reason' })
  @ApiOkResponse({ type: PregnancyDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'PREGNANCY_STATUS_TRANSITION_INVALID, STALE_VERSION',
  })
  async changeStatus(
    @IdParam() id: number,
    @Body() input: StatusChangeDto,
    @CurrentActor() actor: Actor,
  ): Promise<PregnancyDto> {
    return mapPregnancy(
      await this.pregnancies.changeStatus(id, input, actor),
      this.pregnancies.today(),
    );
  }

  @Post(':id/scans')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'Record an ultrasound; only the earliest scan dates the pregnancy (ACOG CO 700)',
    description:
      'A scan earlier than every other one re-runs the dating (EDD change kept, schedule and overdue day follow); a later scan is kept, not used for dating, and the EDD stays.',
  })
  @ApiCreatedResponse({ type: AddScanResultDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'VALIDATION_FAILED, DATING_INCONSISTENT',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'PREGNANCY_NOT_OPEN' })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async addScan(
    @IdParam() id: number,
    @Body() input: AddScanDto,
    @CurrentActor() actor: Actor,
  ): Promise<AddScanResultDto> {
    const { scan, pregnancy } = await this.pregnancies.addScan(id, input, actor);
    return {
      scan: mapDatingScan(scan),
      pregnancy: mapPregnancy(pregnancy, this.pregnancies.today()),
    };
  }

  @Get(':id/scans')
  @ApiOperation({ summary: 'Every ultrasound of the pregnancy, earliest first, used or not' })
  @ApiOkResponse({ type: [DatingScanDto] })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async scans(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<DatingScanDto[]> {
    return (await this.pregnancies.scans(id, actor)).map(mapDatingScan);
  }

  @Post(':id/reopen')
  @HttpCode(HttpStatus.OK)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'She came back: reopen a transferred-out or lost-to-follow-up pregnancy where it stood (audited)',
  })
  @ApiOkResponse({ type: PregnancyDto })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description:
      'PREGNANCY_STATUS_TRANSITION_INVALID, PREGNANCY_ALREADY_OPEN, PREGNANCY_SUPERSEDED, STALE_VERSION',
  })
  async reopen(
    @IdParam() id: number,
    @Body() input: ReopenPregnancyDto,
    @CurrentActor() actor: Actor,
  ): Promise<PregnancyDto> {
    return mapPregnancy(await this.pregnancies.reopen(id, input, actor), this.pregnancies.today());
  }

  @Post(':id/redating')
  @HttpCode(HttpStatus.OK)
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'Correct the LMP or the IVF transfer; the earliest scan still takes part (ACOG)',
  })
  @ApiOkResponse({ type: PregnancyDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'PREGNANCY_NOT_OPEN, STALE_VERSION' })
  async redate(
    @IdParam() id: number,
    @Body() input: RedatingDto,
    @CurrentActor() actor: Actor,
  ): Promise<PregnancyDto> {
    return mapPregnancy(await this.pregnancies.redate(id, input, actor), this.pregnancies.today());
  }
}

@ApiTags('women')
@ApiBearerAuth()
@Controller('women')
export class WomenController {
  constructor(
    private readonly women: WomenService,
    private readonly pregnancies: PregnanciesService,
    private readonly registration: RegistrationService,
    private readonly merges: MergesService,
  ) {}

  @Post()
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'Record a woman without a pregnancy (she attends a class or takes folic acid first)',
  })
  @ApiCreatedResponse({ type: WomanRegistrationResultDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'VALIDATION_FAILED, RESIDENT_ID_INVALID',
  })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'DOCUMENT_NAME_MISMATCH (name or birth date differs from the record)',
  })
  registerWoman(
    @Body() input: WomanInputDto,
    @CurrentActor() actor: Actor,
  ): Promise<WomanRegistrationResultDto> {
    return this.registration.registerWoman(input, actor);
  }

  @Get('possible-duplicates')
  @Roles('mch_staff', 'admin')
  @ApiOperation({ summary: 'Women who may be registered twice under different documents' })
  @ApiOkResponse({ type: PossibleDuplicatePageDto })
  findPossibleDuplicates(
    @Query() query: PageQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<PossibleDuplicatePageDto> {
    return this.women.findPossibleDuplicates(actor, query);
  }

  @Post('possible-duplicates/:id/merge-review')
  @Roles('mch_staff')
  @ApiOperation({
    summary:
      'Queue a merge review of a possible duplicate by hand (a registration queues one per pair itself); seen by mch_staff of the facilities concerned, audited',
  })
  @ApiCreatedResponse({ type: MergeReviewDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'POSSIBLE_DUPLICATE_NOT_FOUND' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'MERGE_REVIEW_EXISTS (the pair has a review waiting or merged)',
  })
  requestMergeReview(
    @IdParam() id: number,
    @Body() input: MergeReviewRequestDto,
    @CurrentActor() actor: Actor,
  ): Promise<MergeReviewDto> {
    return this.merges.requestReview(id, input, actor);
  }

  @Get('merge-reviews')
  @Roles('mch_staff')
  @ApiOperation({
    summary:
      'Merge reviews your facility requested, is asked about or decides; women held elsewhere are not shown',
  })
  @ApiOkResponse({ type: MergeReviewPageDto })
  findMergeReviews(
    @Query() query: PageQueryDto,
    @CurrentActor() actor: Actor,
  ): Promise<MergeReviewPageDto> {
    return this.merges.findReviews(actor, query);
  }

  @Get('merge-reviews/:id/comparison')
  @Roles('mch_staff')
  @ApiOperation({
    summary:
      'Both records side by side for the reviewing facility (masked; reading a record held elsewhere is audited)',
  })
  @ApiOkResponse({ type: MergeComparisonDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'MERGE_REVIEW_NOT_FOUND' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'MERGE_REVIEW_NOT_REVIEWER' })
  compareMergeReview(
    @IdParam() id: number,
    @CurrentActor() actor: Actor,
  ): Promise<MergeComparisonDto> {
    return this.merges.compare(id, actor);
  }

  @Post('merge-reviews/:id/merge')
  @Roles('mch_staff')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'One woman: keep one record, join each pregnancy recorded twice and move every record (audited, reversible)',
  })
  @ApiOkResponse({ type: MergeResultDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'MERGE_REVIEW_NOT_FOUND' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'MERGE_REVIEW_NOT_REVIEWER' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description:
      'MERGE_REVIEW_DECIDED, WOMAN_ALREADY_MERGED, MERGE_CONFLICT (a record both copies hold once)',
  })
  mergeReviewedWomen(
    @IdParam() id: number,
    @Body() input: MergeDecisionDto,
    @CurrentActor() actor: Actor,
  ): Promise<MergeResultDto> {
    return this.merges.merge(id, input, actor);
  }

  @Post('merge-reviews/:id/dismiss')
  @Roles('mch_staff')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Two women: close the review with a note' })
  @ApiOkResponse({ type: MergeReviewDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'MERGE_REVIEW_NOT_FOUND' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'MERGE_REVIEW_NOT_REVIEWER' })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'MERGE_REVIEW_DECIDED' })
  dismissMergeReview(
    @IdParam() id: number,
    @Body() input: MergeNoteDto,
    @CurrentActor() actor: Actor,
  ): Promise<MergeReviewDto> {
    return this.merges.dismiss(id, input, actor);
  }

  @Post('merge-reviews/:id/unmerge')
  @Roles('mch_staff')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary:
      'Undo a merge: every value it changed that still holds goes back (the latest merge of either woman only)',
  })
  @ApiOkResponse({ type: MergeResultDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto, description: 'MERGE_REVIEW_NOT_FOUND' })
  @ApiForbiddenResponse({ type: ErrorResponseDto, description: 'MERGE_REVIEW_NOT_REVIEWER' })
  @ApiConflictResponse({
    type: ErrorResponseDto,
    description: 'MERGE_REVIEW_DECIDED, MERGE_NOT_LATEST, MERGE_CONFLICT',
  })
  unmergeReviewedWomen(
    @IdParam() id: number,
    @Body() input: MergeNoteDto,
    @CurrentActor() actor: Actor,
  ): Promise<MergeResultDto> {
    return this.merges.unmerge(id, input, actor);
  }

  @Patch(':id/document')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary:
      'Correct her document type and number (and the birth date a resident ID encodes), with a reason: GB 11643 check, one record per document, audited masked',
  })
  @ApiOkResponse({ type: DocumentCorrectionResultDto })
  @ApiBadRequestResponse({
    type: ErrorResponseDto,
    description: 'VALIDATION_FAILED, RESIDENT_ID_INVALID, BIRTH_DATE_MISMATCH',
  })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION, DOCUMENT_TAKEN' })
  correctDocument(
    @IdParam() id: number,
    @Body() input: CorrectDocumentDto,
    @CurrentActor() actor: Actor,
  ): Promise<DocumentCorrectionResultDto> {
    return this.registration.correctDocument(id, input, actor);
  }

  @Get(':id/contact')
  @Roles('nurse', 'mch_staff')
  @ApiOperation({
    summary: 'Her phone in full, to call her (lists show it masked); every reveal is audited',
  })
  @ApiOkResponse({ type: WomanContactDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  revealContact(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<WomanContactDto> {
    return this.women.revealContact(id, actor);
  }

  @Get(':id')
  @ApiOkResponse({ type: WomanWithPregnanciesDto })
  @ApiNotFoundResponse({ type: ErrorResponseDto })
  async get(@IdParam() id: number, @CurrentActor() actor: Actor): Promise<WomanWithPregnanciesDto> {
    const { woman, pregnancies, unmasked } = await this.women.findOne(id, actor);
    const today = this.pregnancies.today();
    return {
      ...mapWoman(woman, unmasked),
      pregnancies: pregnancies.map((p) => mapPregnancy(p, today)),
    };
  }

  @Patch(':id')
  @Roles('nurse', 'mch_staff')
  @ApiOkResponse({ type: WomanDto })
  @ApiConflictResponse({ type: ErrorResponseDto, description: 'STALE_VERSION' })
  async update(
    @IdParam() id: number,
    @Body() input: UpdateWomanDto,
    @CurrentActor() actor: Actor,
  ): Promise<WomanDto> {
    return mapWoman(await this.women.update(id, input, actor), true);
  }
}
