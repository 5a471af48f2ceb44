import { v7 as uuidv7 } from 'uuid'

/**
 * Ids are app-generated text (ADR 0003), the same on both dialects: UUIDv7, whose leading
 * timestamp keeps new rows together in the primary-key index (random UUIDs scattered every insert
 * across the B-tree: a third of the roster import's time, issue 9).
 */
export function newId(): string {
  return uuidv7()
}
