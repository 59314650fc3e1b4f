import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One failing field, or one failing row of a bulk request (the shape of `ErrorDetail`). */
export class ErrorDetailResponse {
  @ApiPropertyOptional({
    description: 'The failing field (`tenants[3].customerEmail`, `Authorization`, `body` …)',
    example: 'runAt',
  })
  field?: string;

  @ApiPropertyOptional({ description: 'Position of the failing row in a bulk request', example: 3 })
  index?: number;

  @ApiPropertyOptional({ format: 'uuid', description: 'The tenant a refusal concerns' })
  tenantId?: string;

  @ApiPropertyOptional({
    description: 'A stable code for the refusal (e.g. `open_task`, `maintenance_overlap`)',
    example: 'open_task',
  })
  code?: string;

  @ApiProperty({ description: 'Why, in one readable phrase', example: 'must be in the future' })
  reason!: string;
}

/** Every error the API answers, whatever the status (401 and 403 included). */
export class ErrorResponse {
  @ApiProperty({ type: 'integer', minimum: 400, maximum: 599, example: 400 })
  statusCode!: number;

  @ApiProperty({ description: 'The HTTP reason phrase of statusCode', example: 'Bad Request' })
  error!: string;

  @ApiProperty({
    description: 'One readable sentence',
    example: 'runAt must be in the future',
  })
  message!: string;

  @ApiProperty({
    type: [ErrorDetailResponse],
    description: 'Every failing field (or failing row of a bulk request); may be empty',
  })
  details!: ErrorDetailResponse[];
}

/** The statuses an operation may document with ApiErrors (401, 403 and 429 are added for it). */
export const ERROR_STATUSES = [400, 401, 403, 404, 409, 410, 413, 415, 422, 423, 429, 431] as const;
export type ErrorStatus = (typeof ERROR_STATUSES)[number];

/** What each status means in this API, used where an operation does not say more. */
export const ERROR_MEANINGS: Record<ErrorStatus, string> = {
  400: 'The request is malformed or invalid: `details` names every failing field (or `url`, `body`, `request` for a request that cannot be read)',
  401: 'No API key, or an unknown or revoked one',
  403: 'The key is valid but its role may not do this',
  404: 'Unknown, or outside the caller’s scope (never revealed)',
  409: 'Conflicts with the current state (an open task, a tenant being updated, a concurrent change)',
  410: 'Gone: it existed but has expired (nothing more is said)',
  413: 'The request body is larger than the service accepts',
  415: 'The request body is not JSON (or uses a content encoding the service does not accept)',
  422: 'Well-formed, but breaks a rule (version unknown or prohibited, downgrade not acknowledged, overlaps platform maintenance …)',
  423: 'Locked: too many wrong one-time codes for this rollout; a platform admin sends a new code',
  429: 'Too many requests for this API key: wait for `Retry-After` seconds',
  431: 'The request line or headers are larger than the service reads (16 KB)',
};
