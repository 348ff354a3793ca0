/**
 * The badge id tahrir derives from a badge name: lower-cased, spaces turned
 * into dashes, and `" ' ( ) * & ?` removed. "Is this thing on? (I)" becomes
 * `is-this-thing-on-i`.
 */
export function badgeIdFromName(name: string): string {
  return name.toLowerCase().replace(/ /g, '-').replace(/["'()*&?]/g, '');
}
