import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { IsCron, IsIanaTimeZone, Optional } from './validators';

export const MIN_WINDOW_MINUTES = 15;
export const MAX_WINDOW_MINUTES = 1440;

export class WindowScheduleDto {
  @ApiProperty({
    example: '0 2 * * SUN',
    description: '5-field cron: minute hour day month weekday',
  })
  @IsCron()
  cron!: string;

  @ApiProperty({ minimum: MIN_WINDOW_MINUTES, maximum: MAX_WINDOW_MINUTES, example: 240 })
  @IsInt()
  @Min(MIN_WINDOW_MINUTES)
  @Max(MAX_WINDOW_MINUTES)
  durationMinutes!: number;
}

export class MaintenanceWindowDto extends WindowScheduleDto {
  @ApiPropertyOptional({ example: 'Europe/Rome', description: "Defaults to the tenant's timezone" })
  @Optional()
  @IsIanaTimeZone()
  timezone?: string;
}
