import { usePreferences } from '../app/preferences';
import { formatInstant, type TimeStyle } from '../time/format';

/** An instant in the viewer's zone (or `zone`), with its UTC offset. */
export function TimeText({
  value,
  zone,
  style = 'full',
}: {
  value: string | null | undefined;
  zone?: string;
  style?: TimeStyle;
}) {
  const { locale, zone: viewerZone } = usePreferences();
  if (!value) return <>—</>;
  return <time dateTime={value}>{formatInstant(value, locale, zone ?? viewerZone, style)}</time>;
}

export function useFormatTime(): (value: string, zone?: string, style?: TimeStyle) => string {
  const { locale, zone: viewerZone } = usePreferences();
  return (value, zone, style) => formatInstant(value, locale, zone ?? viewerZone, style);
}
