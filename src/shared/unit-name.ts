/**
 * How a sentence names an enrolled unit: "Gemeente A · Uitvoerder B" for a duo (`joiner` between
 * them), the municipality alone where the unit names no provider (one municipality's trajectory).
 */
export function unitName(unit: { municipality: string; provider: string }, joiner = ' · '): string {
  return [unit.municipality, unit.provider].filter(Boolean).join(joiner);
}

/** Whether a sentence speaks of one party (a municipality alone) or of two (a duo): "is" or "zijn". */
export function isOne(unit: { provider: string }): boolean {
  return !unit.provider;
}
