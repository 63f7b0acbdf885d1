/** A count with its noun in the right number: "1 minuut", "15 minuten", "0 stukken". For the pages and the printed reports. */
export function plural(count: number, one: string, more: string): string {
  return `${count} ${count === 1 ? one : more}`;
}
