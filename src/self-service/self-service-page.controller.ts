import { Controller, Get, Param, Post, Req, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import { type Request, type Response, urlencoded } from 'express';
import { Public } from '../auth/decorators';
import { SelfServiceRateLimit } from '../auth/rate-limit.module';
import { ApiError } from '../common/errors';
import { neutralPage, renderPage } from './page';
import { LinkGone, SelfServiceService } from './self-service.service';

/** The page is about one person's update: not cached, not indexed, no referrer carrying the token. */
const PAGE_CSP =
  "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
const readForm = urlencoded({ extended: false, limit: '2kb', parameterLimit: 5 });

/**
 * `<PUBLIC_URL>/u/<token>`: the customer's page, rendered here (no JavaScript), in the customer's
 * language and time zone; its form posts back to the same address. The JSON behind it is
 * SelfServiceController.
 */
@ApiExcludeController()
@Public()
@SelfServiceRateLimit()
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
      this.headers(res);
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
    this.headers(res);
    res.status(status).type('html').send(neutralPage());
  }

  private headers(res: Response): void {
    res.setHeader('Content-Security-Policy', PAGE_CSP);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('X-Robots-Tag', 'noindex');
  }
}
