/** How every list of the console looks: bordered, striped, room for the loader and empty text. */
export const TABLE = { withTableBorder: true, striped: true, minHeight: 150 } as const;
