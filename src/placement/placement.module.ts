import { Module } from '@nestjs/common';
import { PlacementService } from './placement.service';

/**
 * Where a task may run: the pure rules (placement.ts) and the registry of blocking sources.
 * Imports no feature module: sources (maintenance, later blackouts) import this one and register.
 */
@Module({
  providers: [PlacementService],
  exports: [PlacementService],
})
export class PlacementModule {}
