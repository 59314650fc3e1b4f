import Handlebars from 'handlebars';
import type { Locale } from '../common/locale';
import { longDateTime, supportedLocale, validZone } from '../notifications/format';
import type { SelfServiceResponse } from './dto/self-service.dto';

/** The words of the page, per language (a missing one does not compile). */
const TEXT: Record<Locale, Record<string, string>> = {
  en: {
    title: 'Your planned update',
    tenant: 'System',
    versions: 'Version',
    when: 'Planned for',
    expect:
      'During the update the system may be unavailable for a while. You do not need to do anything.',
    forced: 'This update is required by the platform operator and cannot be postponed.',
    postponeTitle: 'Postpone the update',
    postponeHelp: 'Pick another maintenance window:',
    postpone: 'Postpone',
    cannot: 'This link cannot postpone the update (any more).',
    postponed: 'Done: the update was postponed. You will receive an e-mail with the new time.',
    gone: 'This link is not valid or has expired.',
    status: 'Status',
    tooManyTitle: 'Too many requests',
    tooMany: 'There were too many requests from your address. Please try again in a minute.',
  },
  de: {
    title: 'Ihr geplantes Update',
    tenant: 'System',
    versions: 'Version',
    when: 'Geplant für',
    expect:
      'Während des Updates ist das System zeitweise nicht erreichbar. Sie müssen nichts weiter tun.',
    forced:
      'Dieses Update ist vom Plattformbetreiber vorgeschrieben und kann nicht verschoben werden.',
    postponeTitle: 'Update verschieben',
    postponeHelp: 'Wählen Sie ein anderes Wartungsfenster:',
    postpone: 'Verschieben',
    cannot: 'Mit diesem Link kann das Update nicht (mehr) verschoben werden.',
    postponed:
      'Erledigt: das Update wurde verschoben. Sie erhalten eine E-Mail mit dem neuen Termin.',
    gone: 'Dieser Link ist ungültig oder abgelaufen.',
    status: 'Status',
    tooManyTitle: 'Zu viele Anfragen',
    tooMany:
      'Von Ihrer Adresse kamen zu viele Anfragen. Bitte versuchen Sie es in einer Minute erneut.',
  },
  it: {
    title: 'Il suo aggiornamento pianificato',
    tenant: 'Sistema',
    versions: 'Versione',
    when: 'Pianificato per',
    expect:
      "Durante l'aggiornamento il sistema potrebbe non essere disponibile per un po'. Non deve fare nulla.",
    forced:
      'Questo aggiornamento è richiesto dal gestore della piattaforma e non può essere rinviato.',
    postponeTitle: "Rinviare l'aggiornamento",
    postponeHelp: "Scelga un'altra finestra di manutenzione:",
    postpone: 'Rinvia',
    cannot: "Con questo link non è (più) possibile rinviare l'aggiornamento.",
    postponed: "Fatto: l'aggiornamento è stato rinviato. Riceverà un'e-mail con il nuovo orario.",
    gone: 'Questo link non è valido o è scaduto.',
    status: 'Stato',
    tooManyTitle: 'Troppe richieste',
    tooMany: 'Sono arrivate troppe richieste dal suo indirizzo. Riprovi tra un minuto.',
  },
};

const PAGE = Handlebars.compile(
  `<!doctype html>
<html lang="{{locale}}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{t.title}}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}
dt{font-weight:bold}label{display:block;margin:.25rem 0}button{margin-top:.5rem;padding:.4rem 1rem}</style>
</head><body><main>
<h1>{{t.title}}</h1>
{{#if message}}<p role="status"><strong>{{message}}</strong></p>{{/if}}
{{#if task}}
<dl>
<dt>{{t.tenant}}</dt><dd>{{task.tenantName}}</dd>
<dt>{{t.versions}}</dt><dd>{{task.fromVersion}} → {{task.targetVersion}}</dd>
<dt>{{t.when}}</dt><dd><time datetime="{{task.runAt}}">{{runAt}}</time> ({{task.timezone}})</dd>
<dt>{{t.status}}</dt><dd>{{task.status}}</dd>
</dl>
<p>{{t.expect}}</p>
{{#if task.forced}}<p>{{t.forced}}</p>{{/if}}
{{#if options.length}}
<h2>{{t.postponeTitle}}</h2>
<form method="post" action="{{action}}">
<fieldset><legend>{{t.postponeHelp}}</legend>
{{#each options}}<label><input type="radio" name="start" value="{{start}}" required> {{label}}</label>
{{/each}}</fieldset>
<button type="submit">{{t.postpone}}</button>
</form>
{{else}}{{#unless task.forced}}<p>{{t.cannot}}</p>{{/unless}}{{/if}}
{{else}}<p>{{t.gone}}</p>{{/if}}
</main></body></html>
`,
  { strict: false },
);

/** The customer's page (no JavaScript; a plain form posts the chosen window). */
export function renderPage(
  task: SelfServiceResponse | null,
  options: { action: string; message?: 'postponed' | 'error'; error?: string; locale?: string },
): string {
  const locale = supportedLocale(task?.locale ?? options.locale);
  const zone = validZone(task?.timezone);
  const t = TEXT[locale];
  return PAGE({
    locale,
    t,
    task,
    action: options.action,
    message: options.message === 'postponed' ? t.postponed : options.error,
    runAt: task ? longDateTime(task.runAt, zone, locale) : '',
    options: (task?.postponeOptions ?? []).map((o) => ({
      start: o.start,
      label: `${longDateTime(o.start, zone, locale)} – ${longDateTime(o.end, zone, locale)}`,
    })),
  });
}

/** The one page every forged, unknown or expired link gets: it says nothing about any update. */
export function neutralPage(): string {
  return renderPage(null, { action: '' });
}

const SMALL_PAGE = Handlebars.compile(
  `<!doctype html>
<html lang="{{locale}}"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>{{title}}</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}</style>
</head><body><main>
<h1>{{title}}</h1>
<p>{{message}}</p>
</main></body></html>
`,
  { strict: false },
);

/** Too many requests from one address (the links' rate limit), in `locale` (English without). */
export function tooManyRequestsPage(locale: string | null): string {
  const l = supportedLocale(locale);
  return SMALL_PAGE({ locale: l, title: TEXT[l].tooManyTitle, message: TEXT[l].tooMany });
}
