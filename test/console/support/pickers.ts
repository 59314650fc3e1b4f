import type { Locator, Page } from 'playwright-core';

const MONTHS = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
];

export interface WallTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  hour: number;
  minute: number;
}

/** A wall-clock time in `zone`, `days` days from now at hh:mm. */
export function daysFromNow(days: number, zone: string, hour: number, minute = 0): WallTime {
  const at = new Date(Date.now() + days * 86_400_000);
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return { year: +parts.year, month: +parts.month, day: +parts.day, hour, minute };
}

/**
 * Picks a date and time in a Mantine date-time picker the way a keyboard or mouse user does:
 * open it, go to the month, click the day, type the time, apply.
 */
export async function pickDateTime(page: Page, field: Locator, at: WallTime): Promise<void> {
  await field.click();
  const dropdown = page.locator(`[id="${await field.getAttribute('aria-controls')}"]`);
  const target = `${MONTHS[at.month - 1]} ${at.year}`;
  for (let i = 0; i < 24; i++) {
    const shown = await dropdown.locator('button[data-level-control]').first().innerText();
    if (shown.trim() === target) break;
    await dropdown.getByRole('button', { name: 'Next month' }).click();
  }
  await dropdown
    .getByRole('button', { name: `${at.day} ${MONTHS[at.month - 1]} ${at.year}`, exact: true })
    .click();
  await dropdown.getByLabel('Hours').fill(String(at.hour).padStart(2, '0'));
  await dropdown.getByLabel('Minutes').fill(String(at.minute).padStart(2, '0'));
  await dropdown.getByRole('button', { name: 'Apply the date and time' }).click();
}

/** Chooses an option of a Mantine Select (a combobox with a listbox). */
export async function choose(page: Page, field: Locator, option: string | RegExp): Promise<void> {
  await field.click();
  await page.getByRole('option', { name: option, exact: typeof option === 'string' }).click();
}
