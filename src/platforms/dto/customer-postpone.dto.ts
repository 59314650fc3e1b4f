import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsInt, Max, Min } from 'class-validator';
import { Optional } from '../../common/validators';
import { type CustomerPostponePolicy, DEFAULT_CUSTOMER_POSTPONE } from '../customer-postpone';

/** The bounds a policy's numbers must keep. */
export const MAX_POSTPONE_DAYS = 365;
export const MAX_POSTPONE_TIMES = 20;

/**
 * What customers may do with the self-service link in their e-mails (docs/self-service.md). On a
 * platform every field defaults as documented; on a partner an absent field is the platform's.
 */
export class CustomerPostponeDto implements Partial<CustomerPostponePolicy> {
  @ApiPropertyOptional({
    default: DEFAULT_CUSTOMER_POSTPONE.allowed,
    description: 'Customers may postpone an update to a later maintenance window of their tenant',
  })
  @Optional()
  @IsBoolean()
  allowed?: boolean;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_POSTPONE_DAYS,
    default: DEFAULT_CUSTOMER_POSTPONE.maxDays,
    description: 'The new time starts at most this many days after the time first announced',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(MAX_POSTPONE_DAYS)
  maxDays?: number;

  @ApiPropertyOptional({
    minimum: 0,
    maximum: MAX_POSTPONE_TIMES,
    default: DEFAULT_CUSTOMER_POSTPONE.maxTimes,
    description: 'How often the customer may postpone one update',
  })
  @Optional()
  @IsInt()
  @Min(0)
  @Max(MAX_POSTPONE_TIMES)
  maxTimes?: number;
}

export class CustomerPostponeResponse implements CustomerPostponePolicy {
  @ApiProperty() allowed!: boolean;
  @ApiProperty() maxDays!: number;
  @ApiProperty() maxTimes!: number;
}

/** A partner's override: only the fields it sets. */
export class CustomerPostponeOverrideResponse implements Partial<CustomerPostponePolicy> {
  @ApiPropertyOptional() allowed?: boolean;
  @ApiPropertyOptional() maxDays?: number;
  @ApiPropertyOptional() maxTimes?: number;
}

/** The fields that were given, as stored (a partner's override keeps only these). */
export function givenFields(dto: CustomerPostponeDto): Partial<CustomerPostponePolicy> {
  return {
    ...(dto.allowed !== undefined && { allowed: dto.allowed }),
    ...(dto.maxDays !== undefined && { maxDays: dto.maxDays }),
    ...(dto.maxTimes !== undefined && { maxTimes: dto.maxTimes }),
  };
}
