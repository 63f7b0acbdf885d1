/** A name as it opens a sentence or a heading: "werkatelier 1" becomes "Werkatelier 1". */
export function capitalised(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
