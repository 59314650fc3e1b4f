import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { LOCALES } from '../common/locale';
import type { BatchSummary, TaskFacts } from './digest.repository';
import { NOTICE_EVENTS, NoticeEvent, TaskNoticeEvent } from './notice-events';
import {
  expectedFiles,
  TEMPLATE_NAMES,
  TemplateName,
  TemplateSet,
  templatesDir,
} from './templates';
import {
  batchDigestView,
  eventDigestView,
  maintenanceView,
  Reader,
  rolloutView,
  webhookDisabledView,
  confirmationView,
  taskRow,
  taskView,
} from './views';

const text = (value: unknown) => (value === null || value === undefined ? null : String(value));

/** A sample as the facts the sender reads for a task notice (DigestRepository.noticeFacts). */
function factsOf(payload: Record<string, unknown>): TaskFacts {
  return {
    taskId: String(payload.taskId),
    tenantId: String(payload.tenantId),
    tenantName: String(payload.tenantName ?? ''),
    fromVersion: String(payload.fromVersion ?? ''),
    targetVersion: String(payload.targetVersion ?? ''),
    mode: String(payload.mode ?? ''),
    runAt: String(payload.runAt),
    windowEnd: String(payload.windowEnd ?? payload.runAt),
    forced: payload.forced === true,
    status: String(payload.status ?? ''),
    sequence: Number(payload.sequence ?? 0),
    error: text(payload.error),
    reason: text(payload.reason),
  };
}

/** A sample of each event: the task as the sender reads it, or a maintenance payload. */
const TASK_PAYLOAD = {
  taskId: '0192f0c4-0000-7000-8000-000000000001',
  batchId: '0192f0c4-0000-7000-8000-0000000000b1',
  tenantId: '0192f0c4-0000-7000-8000-0000000000a1',
  tenantName: 'Bäckerei <Schmidt> & Söhne',
  fromVersion: '13.2.0',
  targetVersion: '14.0.0',
  mode: 'maintenance_window',
  runAt: '2027-03-28T00:30:00+00:00',
  windowEnd: '2027-03-28T04:30:00+00:00',
  forced: true,
  sequence: 1,
  status: 'scheduled',
  error: null,
  reason: 'platform maintenance',
};
const ROLLOUT_PAYLOAD = {
  rolloutId: '0192f0c4-0000-7000-8000-0000000000f1',
  state: 'paused',
  reason: '3 tasks failed, reaching the error threshold of 3',
  targetVersion: '14.0.0',
  partnerName: 'ACME <Cloud>',
  total: 200,
  succeeded: 20,
  failed: 3,
  cancelled: 0,
};
const SAMPLES: Record<NoticeEvent, Record<string, unknown>> = {
  'task.scheduled': TASK_PAYLOAD,
  'task.rescheduled': { ...TASK_PAYLOAD, sequence: 2 },
  'task.cancelled': { ...TASK_PAYLOAD, status: 'cancelled' },
  'task.started': { ...TASK_PAYLOAD, status: 'running', reason: null },
  'task.succeeded': { ...TASK_PAYLOAD, status: 'succeeded', reason: null },
  'task.failed': { ...TASK_PAYLOAD, status: 'failed', error: 'pre-check: customizations' },
  'maintenance.announced': {
    maintenanceId: '0192f0c4-0000-7000-8000-0000000000c1',
    platformId: '0192f0c4-0000-7000-8000-0000000000d1',
    platformName: 'EU cloud',
    partnerName: 'ACME',
    startsAt: '2027-10-31T00:00:00+00:00',
    endsAt: '2027-10-31T03:00:00+00:00',
    message: 'Storage upgrade <b>',
  },
  'maintenance.withdrawn': {
    maintenanceId: '0192f0c4-0000-7000-8000-0000000000c1',
    platformId: '0192f0c4-0000-7000-8000-0000000000d1',
    platformName: 'EU cloud',
    partnerName: 'ACME',
    startsAt: '2027-10-31T00:00:00+00:00',
    endsAt: '2027-10-31T03:00:00+00:00',
    message: 'Storage upgrade',
  },
  'rollout.paused': ROLLOUT_PAYLOAD,
  'rollout.stopped': { ...ROLLOUT_PAYLOAD, state: 'stopped' },
  'rollout.completed': { ...ROLLOUT_PAYLOAD, state: 'succeeded', reason: null },
  'rollout.confirmation': {
    rolloutId: ROLLOUT_PAYLOAD.rolloutId,
    code: 'K7M2QX9P',
    expiresAt: '2027-03-28T02:30:00+00:00',
    targetVersion: '13.0.0',
    tenants: 1500,
    reasons: ['downgrade', 'tenants_over'],
    ownerName: 'ACME <Cloud>',
  },
  'webhook.disabled': {
    endpointId: '0192f0c4-0000-7000-8000-0000000000b1',
    url: 'https://psa.acme.example/hooks?a=1&b=<2>',
    description: 'PSA <ticketing>',
    partnerName: 'ACME <Cloud>',
    failingSince: '2027-03-20T10:00:05.000Z',
    disabledAt: '2027-03-23T10:00:00.000Z',
    hours: 72,
  },
};
const BATCH_PAYLOAD = {
  batchId: TASK_PAYLOAD.batchId,
  partnerId: '0192f0c4-0000-7000-8000-0000000000e1',
  partnerName: 'ACME',
  targetVersion: '14.0.0',
  mode: 'maintenance_window',
  tasks: 2,
};
const TASK_EVENTS = NOTICE_EVENTS.filter((e): e is TaskNoticeEvent => e.startsWith('task.'));

/** Every (template, view) pair the sender can produce for the sample of each event. */
function viewsFor(name: TemplateName, reader: Reader): object[] {
  const rows = [factsOf(SAMPLES['task.failed']), factsOf(SAMPLES['task.cancelled'])].map((f) =>
    taskRow(f, reader),
  );
  const listings = [
    { listed: true, tasks: rows, attachment: null },
    { listed: false, tasks: [], attachment: 'tasks.csv' },
  ];
  if (name === 'task.scheduled.digest') {
    const summary: BatchSummary = {
      total: 2,
      cancelled: 1,
      firstRunAt: TASK_PAYLOAD.runAt,
      lastWindowEnd: TASK_PAYLOAD.windowEnd,
    };
    return listings.map((l) => batchDigestView(BATCH_PAYLOAD, summary, l, reader));
  }
  if (name === 'task.digest') {
    return TASK_EVENTS.flatMap((e) => listings.map((l) => eventDigestView(e, 2, 'why', l, reader)));
  }
  if (name.startsWith('maintenance.'))
    return [maintenanceView(SAMPLES[name as NoticeEvent], reader)];
  if (name === 'rollout.confirmation')
    return [confirmationView(SAMPLES['rollout.confirmation'], reader) as object];
  if (name === 'webhook.disabled') {
    const sample = SAMPLES['webhook.disabled'];
    return [sample, { ...sample, description: null }].map((p) => webhookDisabledView(p, reader));
  }
  if (name.startsWith('rollout.')) {
    const sample = SAMPLES[name as NoticeEvent];
    return ['succeeded', 'failed', 'cancelled'].map((state) =>
      rolloutView(
        { ...sample, state: name === 'rollout.completed' ? state : sample.state },
        reader,
      ),
    );
  }
  const event = name as TaskNoticeEvent;
  return [taskView(event, factsOf(SAMPLES[event]), reader)];
}

describe('e-mail templates', () => {
  const set = new TemplateSet(templatesDir());

  it('exist in every locale: German and Italian fall back to English for nothing', () => {
    for (const locale of LOCALES) {
      expect(set.fallbacks.get(locale) ?? []).toEqual([]);
      for (const file of expectedFiles())
        expect(fs.existsSync(path.join(set.dir, locale, file))).toBe(true);
    }
  });

  describe.each(LOCALES)('%s', (locale) => {
    const reader: Reader = { locale, timezone: 'Europe/Rome' };
    it.each(TEMPLATE_NAMES)('%s renders with the sample of its event(s)', (name) => {
      for (const view of viewsFor(name, reader)) {
        const mail = set.render(name, locale, view);
        expect(mail.subject).not.toMatch(/^\s*$|undefined|\bnull\b|\n/);
        expect(mail.html).toMatch(new RegExp(`^<!DOCTYPE html>[\\s\\S]*lang="${locale}"`));
        for (const part of [mail.subject, mail.html, mail.text]) {
          expect(part).not.toMatch(/undefined|\[object Object\]|\{\{/);
        }
        expect(mail.text).not.toMatch(/<\/?(p|strong|table|h1)\b/);
      }
    });
  });

  it('escapes HTML in the HTML part only', () => {
    const reader: Reader = { locale: 'en', timezone: 'UTC' };
    const view = taskView('task.scheduled', factsOf(TASK_PAYLOAD), reader);
    const mail = set.render('task.scheduled', 'en', view);
    expect(mail.html).toContain('Bäckerei &lt;Schmidt&gt; &amp; Söhne');
    expect(mail.text).toContain('Bäckerei <Schmidt> & Söhne');
    expect(mail.subject).toBe(
      'Update of Bäckerei <Schmidt> & Söhne to version 14.0.0 on Sunday, 28 March 2027 at 00:30 (UTC+00:00)',
    );
  });

  it('speaks the recipient language in its time zone, with the offset', () => {
    const view = (locale: 'de' | 'it') =>
      taskView('task.scheduled', factsOf(TASK_PAYLOAD), { locale, timezone: 'Europe/Berlin' });
    expect(set.render('task.scheduled', 'de', view('de')).subject).toBe(
      'Update von Bäckerei <Schmidt> & Söhne auf Version 14.0.0 am Sonntag, 28. März 2027 um 01:30 (UTC+01:00)',
    );
    expect(set.render('task.scheduled', 'it', view('it')).text).toContain(
      'Fine entro:  domenica 28 marzo 2027 alle ore 06:30 (UTC+02:00)',
    );
  });

  it('falls back to English for an unknown locale', () => {
    const view = taskView('task.succeeded', factsOf(SAMPLES['task.succeeded']), {
      locale: 'en',
      timezone: 'UTC',
    });
    expect(set.render('task.succeeded', 'fr', view).subject).toBe(
      'Bäckerei <Schmidt> & Söhne now runs version 14.0.0',
    );
  });

  describe('in a copy of the templates', () => {
    let dir: string;
    beforeEach(() => {
      dir = fs.mkdtempSync(path.join(os.tmpdir(), 'tus-templates-'));
      fs.cpSync(templatesDir(), dir, { recursive: true });
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it('a template using a variable its event does not provide fails, instead of rendering blank', () => {
      // `error` belongs to task.failed; a task.started e-mail has no such variable.
      fs.appendFileSync(path.join(dir, 'de/task.started.text.hbs'), '\nFehler: {{error}}\n');
      const broken = new TemplateSet(dir);
      const reader: Reader = { locale: 'de', timezone: 'Europe/Berlin' };
      const view = taskView('task.started', factsOf(SAMPLES['task.started']), reader);
      expect(() => broken.render('task.started', 'de', view)).toThrow(
        /de\/task.started.text.hbs: "error" not defined/,
      );
      expect(() => broken.render('task.started', 'en', view)).not.toThrow();
    });

    it('so does a condition on such a variable', () => {
      fs.appendFileSync(path.join(dir, 'it/task.succeeded.html.hbs'), '{{#if reason}}x{{/if}}');
      const broken = new TemplateSet(dir);
      const reader: Reader = { locale: 'it', timezone: 'Europe/Rome' };
      const view = taskView('task.succeeded', factsOf(SAMPLES['task.succeeded']), reader);
      expect(() => broken.render('task.succeeded', 'it', view)).toThrow(
        /it\/task.succeeded.html.hbs: the argument of \{\{#if\}\} is not defined/,
      );
    });

    it('a locale without a file uses the English one, and says so', () => {
      fs.rmSync(path.join(dir, 'it/task.succeeded.subject.hbs'));
      const partial = new TemplateSet(dir);
      expect(partial.fallbacks.get('it')).toEqual(['task.succeeded.subject.hbs']);
      const view = taskView('task.succeeded', factsOf(SAMPLES['task.succeeded']), {
        locale: 'it',
        timezone: 'UTC',
      });
      expect(partial.render('task.succeeded', 'it', view).subject).toMatch(/now runs version/);
    });

    it('a syntax error stops the start instead of an e-mail', () => {
      fs.writeFileSync(path.join(dir, 'de/task.failed.html.hbs'), '<p>{{#if error}}</p>');
      expect(() => new TemplateSet(dir)).toThrow(/de\/task.failed.html.hbs/);
    });
  });
});
