import { Body, Controller, Delete, Get, HttpCode, Patch, Query } from '@nestjs/common';
import { ApiAcceptedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type Caller, scopeOf } from '../auth/caller';
import { CurrentCaller, PlatformAdminOnly } from '../auth/decorators';
import { type Page, PageQuery, pageRequest } from '../common/pagination';
import { UuidParam } from '../common/params';
import { ApiErrors, ApiPage } from '../openapi/decorators';
import { SnapshotResponse, UpdateSnapshotDto } from './dto/snapshot.dto';
import { SnapshotsService } from './snapshots.service';

@ApiTags('snapshots')
@Controller()
export class SnapshotsController {
  constructor(private readonly snapshots: SnapshotsService) {}

  @Get('tenants/:id/snapshots')
  @ApiOperation({
    summary: "A tenant's snapshots",
    description:
      'What the backup steps of its updates left behind, oldest first, deleted ones included. ' +
      "Each is kept for the platform's `snapshotRetentionDays` (default 7) unless pinned.",
  })
  @ApiPage(SnapshotResponse)
  @ApiErrors({ 404: 'The tenant is unknown or outside your scope' })
  list(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @Query() query: PageQuery,
  ): Promise<Page<SnapshotResponse>> {
    return this.snapshots.list(scopeOf(caller), id, pageRequest(query));
  }

  @Get('snapshots/:id')
  @ApiOperation({
    summary: 'One snapshot',
    description: 'Its state, expiry, pin and the executor’s answer to its delete.',
  })
  @ApiOkResponse({ type: SnapshotResponse })
  @ApiErrors({ 404: 'The snapshot is unknown or outside your scope' })
  get(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<SnapshotResponse> {
    return this.snapshots.get(scopeOf(caller), id);
  }

  @Patch('snapshots/:id')
  @PlatformAdminOnly()
  @ApiOperation({
    summary: 'Pin or unpin a snapshot',
    description: 'A pinned snapshot is kept past its expiry until it is unpinned. Platform admins.',
  })
  @ApiOkResponse({ type: SnapshotResponse })
  @ApiErrors(404, { 409: 'The snapshot was deleted' })
  update(
    @CurrentCaller() caller: Caller,
    @UuidParam() id: string,
    @Body() dto: UpdateSnapshotDto,
  ): Promise<SnapshotResponse> {
    return this.snapshots.setPinned(caller, id, dto.pinned);
  }

  @Delete('snapshots/:id')
  @HttpCode(202)
  @PlatformAdminOnly()
  @ApiOperation({
    summary: 'Delete a snapshot early',
    description:
      'The snapshot expires now (and is unpinned); the expiry job of any scheduler process ' +
      'deletes it through the executor within `SNAPSHOT_EXPIRY_INTERVAL_MS`. Platform admins.',
  })
  @ApiAcceptedResponse({ type: SnapshotResponse, description: 'The snapshot, now expiring' })
  @ApiErrors(404, { 409: 'The snapshot was deleted already' })
  delete(@CurrentCaller() caller: Caller, @UuidParam() id: string): Promise<SnapshotResponse> {
    return this.snapshots.deleteEarly(caller, id);
  }
}
