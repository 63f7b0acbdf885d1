/** The two sides of a duo: the municipality and the provider that run a trajectory together. */
export const SIDES = ['municipality', 'provider'] as const;
export type Side = (typeof SIDES)[number];
