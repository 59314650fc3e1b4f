import {
  type ArgumentsHost,
  Catch,
  Controller,
  type ExceptionFilter,
  Get,
  Injectable,
  Param,
  Post,
  Req,
  Res,
  UseFilters,
} from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { ThrottlerException } from '@nestjs/throttler';
import { type Request, type Response, urlencoded } from 'express';
import { Public } from '../auth/decorators';
import { SelfServiceRateLimit } from '../auth/rate-limit.module';
import { ApiError } from '../common/errors';
import { neutralPage, renderPage, tooManyRequestsPage } from './page';
import { LinkGone, SelfServiceService } from './self-service.service';

/** The page is about one person's update: not cached, not indexed, no referrer carrying the token. */
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const readForm = urlencoded({ extended: false, limit: '2kb', parameterLimit: 5 });

function pageHeaders(res: Response): void {
  res.setHeader('Content-Security-Policy', PAGE_CSP);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Content-Type-Options', 'nosniff');
  res.setHeader('X-Robots-Tag', 'noindex');
}

/**
 * Over the links' rate limit, a browser gets a small page (in the customer's language when the
 * token is a valid link, else English) instead of the API's JSON error; the throttler's
 * Retry-After-selfService header stays, and Retry-After says the same.
 */
@Injectable()
@Catch(ThrottlerException)
export class SelfServicePageTooManyRequests implements ExceptionFilter {
  constructor(private readonly selfService: SelfServiceService) {}

  async catch(_error: ThrottlerException, host: ArgumentsHost): Promise<void> {
    const req = host.switchToHttp().getRequest<Request>();
    const res = host.switchToHttp().getResponse<Response>();
    const token = req.params?.token;
    const locale =
      typeof token === 'string' ? await this.selfService.localeOf(token).catch(() => null) : null;
    const retryAfter = res.getHeader('Retry-After-selfService');
    if (retryAfter !== undefined) res.setHeader('Retry-After', String(retryAfter));
    pageHeaders(res);
    res.status(429).type('html').send(tooManyRequestsPage(locale));
  }
}

/**
 * `<PUBLIC_URL>/u/<token>`: the customer's page, rendered here (no JavaScript), in the customer's
 * language and time zone; its form posts back to the same address. The JSON behind it is
 * SelfServiceController.
 */
@ApiExcludeController()
@Public()
@SelfServiceRateLimit()
@UseFilters(SelfServicePageTooManyRequests)
@Controller('u')
export class SelfServicePageController {
  constructor(private readonly selfService: SelfServiceService) {}

  @Get(':token')
  async show(@Param('token') token: string, @Req() req: Request, @Res() res: Response) {
    const postponed = req.query.postponed === '1';
    await this.answer(res, token, () => this.selfService.view(token), postponed);
  }

  @Post(':token')
  async postpone(@Param('token') token: string, @Req() req: Request, @Res() res: Response) {
    await new Promise<void>((resolve) => readForm(req, res, () => resolve()));
    const start = (req.body as Record<string, unknown> | undefined)?.start;
    if (typeof start !== 'string' || Number.isNaN(Date.parse(start))) {
      return this.answer(res, token, () => this.selfService.view(token), false, 400);
    }
    try {
      await this.selfService.postpone(token, new Date(start));
      // Post/redirect/get: a reload does not post again.
      res.redirect(303, `${token}?postponed=1`);
    } catch (error) {
      if (error instanceof LinkGone) return this.gone(res, error.status);
      if (!(error instanceof ApiError)) throw error;
      await this.answer(
        res,
        token,
        () => this.selfService.view(token),
        false,
        error.status,
        error.message,
      );
    }
  }

  private async answer(
    res: Response,
    token: string,
    load: () => ReturnType<SelfServiceService['view']>,
    postponed: boolean,
    status = 200,
    error?: string,
  ): Promise<void> {
    try {
      const task = await load();
      pageHeaders(res);
      res
        .status(status)
        .type('html')
        .send(
          renderPage(task, {
            action: token,
            message: postponed ? 'postponed' : error ? 'error' : undefined,
            error,
          }),
        );
    } catch (e) {
      if (e instanceof LinkGone) return this.gone(res, e.status);
      throw e;
    }
  }

  private gone(res: Response, status: number): void {
    pageHeaders(res);
    res.status(status).type('html').send(neutralPage());
  }
}
