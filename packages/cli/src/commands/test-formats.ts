/** `accolade test --format` values; apart from the command so that the option can be declared without loading it. */
export const TEST_FORMATS = ['text', 'json', 'junit'] as const;
export type TestFormat = (typeof TEST_FORMATS)[number];
