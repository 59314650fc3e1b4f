import { DateTimePicker, type DateTimePickerProps } from '@mantine/dates';
import { useTranslation } from 'react-i18next';

/**
 * Mantine's date-and-time picker with every control named for screen readers, in the viewer's
 * language. Its value is a wall-clock time ("YYYY-MM-DD HH:mm:ss"), read in the viewer's zone.
 */
export function DateTimeField(props: DateTimePickerProps) {
  const { t } = useTranslation();
  return (
    <DateTimePicker
      valueFormat="DD MMM YYYY HH:mm"
      placeholder={t('dates.pick')}
      weekendDays={[]}
      hideOutsideDates
      ariaLabels={{
        previousMonth: t('dates.previousMonth'),
        nextMonth: t('dates.nextMonth'),
        previousYear: t('dates.previousYear'),
        nextYear: t('dates.nextYear'),
        previousDecade: t('dates.previousDecade'),
        nextDecade: t('dates.nextDecade'),
        monthLevelControl: t('dates.chooseMonth'),
        yearLevelControl: t('dates.chooseYear'),
      }}
      timePickerProps={{
        hoursInputLabel: t('dates.hours'),
        minutesInputLabel: t('dates.minutes'),
      }}
      submitButtonProps={{ 'aria-label': t('dates.apply') }}
      {...props}
    />
  );
}
