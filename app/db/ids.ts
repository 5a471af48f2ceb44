import { randomUUID } from 'node:crypto'

/** Ids are app-generated text (ADR 0003): random UUIDs, the same on both dialects. */
export function newId(): string {
  return randomUUID()
}
