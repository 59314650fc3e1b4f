import { Controller, Get, Header, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiParam, ApiTags } from '@nestjs/swagger';
import { Public } from '../auth/decorators';
import { NotFoundError } from '../common/errors';
import { ApiErrors } from '../openapi/decorators';
import { CalendarFeedService } from './calendar-feed.service';

/**
 * `GET /calendar/<token>.ics`, outside the API prefix: the address a customer pastes into Outlook
 * or Google Calendar once. No API key; the token in the address is the secret. Rate limited per
 * client address like every request without a key.
 */
@ApiTags('calendar')
@Public()
@Controller('calendar')
export class CalendarFeedController {
  constructor(private readonly feeds: CalendarFeedService) {}

  @Get(':file')
  @Header('Content-Type', 'text/calendar; charset=utf-8')
  @Header('Cache-Control', 'private, no-cache')
  @Header('X-Robots-Tag', 'noindex')
  @ApiOperation({
    summary: 'A tenant’s calendar feed (iCalendar)',
    description:
      'The tenant’s planned update and its platform’s announced maintenance as an RFC 5545 ' +
      'calendar to subscribe to. An update’s entry has the UID and SEQUENCE of the invitation ' +
      'e-mailed for it, so the two show as one event. The address is `calendarUrl` of the tenant; ' +
      '`POST /api/v1/tenants/{id}/calendar-token` replaces it (the old address then answers 404). ' +
      'No API key.',
  })
  @ApiParam({
    name: 'file',
    description: 'The tenant’s calendar token followed by `.ics`',
    example: `${'0123456789abcdef'.repeat(4)}.ics`,
  })
  @ApiOkResponse({
    description: 'The calendar',
    content: { 'text/calendar': { schema: { type: 'string' } } },
  })
  @ApiErrors({ 404: 'No calendar has this address (unknown or replaced token)' })
  feed(@Param('file') file: string): Promise<string> {
    if (!file.endsWith('.ics')) throw new NotFoundError('This calendar');
    return this.feeds.feed(file.slice(0, -'.ics'.length));
  }
}
