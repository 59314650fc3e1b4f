import { Select, type SelectProps } from '@mantine/core';
import { useMemo } from 'react';
import { allTimeZones } from '../time/format';

/** An IANA time zone, searchable. */
export function ZoneSelect(props: Omit<SelectProps, 'data'>) {
  const zones = useMemo(() => allTimeZones(), []);
  return <Select data={zones} searchable {...props} />;
}
