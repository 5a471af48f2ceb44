import type { Import } from '~/db/schema'
import type { RosterSource, SourceContext } from './roster-sources.server'

/** X12 834 files as roster records (filled in with the 834 reader). */
export async function open834Source(_found: Import, _path: string, _context: SourceContext): Promise<RosterSource> {
  throw new Error('not yet')
}
