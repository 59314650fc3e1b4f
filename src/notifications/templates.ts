import { Injectable } from '@nestjs/common';
import Handlebars from 'handlebars';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DEFAULT_LOCALE, Locale, LOCALES } from '../common/locale';
import { supportedLocale } from './format';

/** Every e-mail the service sends; each has a subject, an HTML and a plain-text part per locale. */
export const TEMPLATE_NAMES = [
  'task.scheduled',
  'task.rescheduled',
  'task.cancelled',
  'task.started',
  'task.succeeded',
  'task.failed',
  'task.scheduled.digest',
  'task.digest',
  'maintenance.announced',
  'maintenance.withdrawn',
  'rollout.paused',
  'rollout.stopped',
  'rollout.completed',
  'rollout.confirmation',
  'webhook.disabled',
] as const;
export type TemplateName = (typeof TEMPLATE_NAMES)[number];

export const PARTS = ['subject', 'html', 'text'] as const;
type Part = (typeof PARTS)[number];

/** Shared by every locale, in templates/ itself: the frame around each part. */
const LAYOUTS = ['layout.html.hbs', 'layout.text.hbs'];

/** Per locale, beside the e-mails: the titles of calendar entries, and the partials they use. */
const LOCALE_FILES = [
  'calendar.summary.hbs',
  'calendar.maintenance.hbs',
  'partials/footer-html.hbs',
  'partials/footer-text.hbs',
  'partials/task-facts-html.hbs',
  'partials/task-facts-text.hbs',
  'partials/task-table-html.hbs',
  'partials/task-list-text.hbs',
  'partials/self-service-html.hbs',
  'partials/self-service-text.hbs',
];

export interface RenderedMail {
  subject: string;
  html: string;
  text: string;
}

type Compiled = Handlebars.TemplateDelegate;

/** templates/ at the root of the package: beside src/ in a checkout, beside dist/ when built. */
export function templatesDir(from = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'templates');
    if (fs.existsSync(path.join(candidate, DEFAULT_LOCALE))) return candidate;
    if (path.dirname(dir) === dir) throw new Error(`no templates/${DEFAULT_LOCALE} above ${from}`);
  }
}

/** The files every locale should have (a missing one falls back to English). */
export function expectedFiles(): string[] {
  const files = TEMPLATE_NAMES.flatMap((name) => PARTS.map((part) => `${name}.${part}.hbs`));
  return [...files, ...LOCALE_FILES];
}

/**
 * The templates of every locale, compiled once in strict mode: a variable that the view does not
 * have throws instead of rendering as an empty string. Locales other than en, de, it, and files a
 * locale lacks, fall back to English.
 */
export class TemplateSet {
  private readonly compiled = new Map<string, Compiled>();
  /** Per locale, the files taken from English because the locale lacks them. */
  readonly fallbacks = new Map<Locale, string[]>();

  constructor(readonly dir: string) {
    for (const locale of LOCALES) this.compileLocale(locale);
  }

  render(name: TemplateName, locale: string, view: object): RenderedMail {
    const l = supportedLocale(locale);
    const body = (part: Part) => {
      try {
        return this.template(l, `${name}.${part}.hbs`)(view);
      } catch (error) {
        throw new Error(`template ${l}/${name}.${part}.hbs: ${(error as Error).message}`, {
          cause: error,
        });
      }
    };
    const subject = body('subject').replace(/\s+/g, ' ').trim();
    const html = this.template(l, 'layout.html.hbs')({ subject, locale: l, body: body('html') });
    const text = this.template(l, 'layout.text.hbs')({ body: body('text').trim() });
    return { subject, html, text: `${text.trim()}\n` };
  }

  /** The title of the calendar entry of a task. */
  calendarSummary(locale: string, view: object): string {
    return this.template(supportedLocale(locale), 'calendar.summary.hbs')(view).trim();
  }

  /** The title of a platform maintenance period in a tenant's calendar feed. */
  calendarMaintenanceSummary(locale: string, view: { platformName: string }): string {
    return this.template(supportedLocale(locale), 'calendar.maintenance.hbs')(view).trim();
  }

  private template(locale: Locale, file: string): Compiled {
    const template = this.compiled.get(`${locale}/${file}`);
    if (!template) throw new Error(`template ${locale}/${file} is not loaded`);
    return template;
  }

  private compileLocale(locale: Locale): void {
    const hb = strictBlocks(Handlebars.create());
    const read = (file: string): string | null => {
      for (const l of [locale, DEFAULT_LOCALE]) {
        const full = path.join(this.dir, l, file);
        if (fs.existsSync(full)) {
          if (l !== locale)
            this.fallbacks.set(locale, [...(this.fallbacks.get(locale) ?? []), file]);
          return fs.readFileSync(full, 'utf8');
        }
      }
      return null;
    };
    const compile = (source: string, file: string) => {
      try {
        hb.parse(source); // compile() is lazy: a syntax error must stop the start, not an e-mail
      } catch (error) {
        throw new Error(`template ${locale}/${file}: ${(error as Error).message}`, {
          cause: error,
        });
      }
      return hb.compile(source, {
        strict: true,
        knownHelpersOnly: true,
        // Only HTML is escaped; subjects and plain text are not HTML.
        noEscape: !file.includes('.html.') && !file.endsWith('-html.hbs'),
      });
    };
    for (const file of expectedFiles()) {
      const source = read(file);
      if (source === null) throw new Error(`template ${DEFAULT_LOCALE}/${file} is missing`);
      const template = compile(source, file);
      if (file.startsWith('partials/')) hb.registerPartial(path.basename(file, '.hbs'), template);
      else this.compiled.set(`${locale}/${file}`, template);
    }
    for (const file of LAYOUTS) {
      const source = fs.readFileSync(path.join(this.dir, file), 'utf8');
      this.compiled.set(`${locale}/${file}`, compile(source, file));
    }
  }
}

/**
 * Strict mode checks `{{name}}` but not the argument of a block helper: `{{#if error}}` on a view
 * without `error` would quietly render the else branch. Views never hold undefined (absent values
 * are null), so undefined there means the variable does not exist for this event.
 */
function strictBlocks(hb: typeof Handlebars): typeof Handlebars {
  for (const name of ['if', 'unless', 'each', 'with']) {
    const original = hb.helpers[name] as (...args: unknown[]) => unknown;
    hb.registerHelper(name, function (this: unknown, ...args: unknown[]) {
      const options = args[args.length - 1] as Handlebars.HelperOptions & {
        loc?: { start: { line: number; column: number } };
      };
      if (args.length > 1 && args[0] === undefined) {
        const at = options.loc ? ` (line ${options.loc.start.line})` : '';
        throw new Error(`the argument of {{#${name}}} is not defined${at}`);
      }
      return original.apply(this, args);
    });
  }
  return hb;
}

/** The service's templates, compiled when the module starts: a broken template stops the start. */
@Injectable()
export class MailTemplates extends TemplateSet {
  constructor() {
    super(templatesDir());
  }
}
