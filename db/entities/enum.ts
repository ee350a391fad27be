/** The property builder wants a mutable array; our enums are readonly tuples shared with zod. */
export const values = <T extends string>(v: readonly T[]): T[] => [...v];
