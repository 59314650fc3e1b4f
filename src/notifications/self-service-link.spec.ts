import { LOCALES } from '../common/locale';
import type { TaskFacts } from './digest.repository';
import { TemplateSet, templatesDir } from './templates';
import { taskView } from './views';

const facts: TaskFacts = {
  taskId: '0192f0c4-0000-7000-8000-000000000001',
  tenantId: '0192f0c4-0000-7000-8000-0000000000a1',
  tenantName: 'Pizzeria Da Mario',
  fromVersion: '13.2.0',
  targetVersion: '14.0.0',
  mode: 'maintenance_window',
  runAt: '2027-03-28T00:30:00+00:00',
  windowEnd: '2027-03-28T04:30:00+00:00',
  forced: false,
  status: 'scheduled',
  sequence: 1,
  error: null,
  reason: null,
};
const url = 'https://updates.example.com/u/AbC_-123';

describe('the self-service link in customer e-mails about a planned update', () => {
  const templates = new TemplateSet(templatesDir());

  it.each(LOCALES)('%s: scheduled and moved e-mails carry the link in HTML and text', (locale) => {
    for (const event of ['task.scheduled', 'task.rescheduled'] as const) {
      const reader = { locale, timezone: 'Europe/Rome' };
      const mail = templates.render(event, locale, taskView(event, facts, reader, url));
      expect(mail.html).toContain(`href="${url}"`);
      expect(mail.text).toContain(url);
      const without = templates.render(event, locale, taskView(event, facts, reader));
      expect(without.html).not.toContain('/u/');
      expect(without.text).not.toContain('/u/');
    }
  });
});
