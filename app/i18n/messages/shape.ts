/** A translation must have exactly the English file's keys, each a string (checked by tsc). */
export type SameKeys<T> = { [K in keyof T]: T[K] extends string ? string : SameKeys<T[K]> }
