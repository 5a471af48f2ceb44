import { describe, expect, it } from 'vitest'
import { fileRequestedNote, type PreparedFileState } from '~/ui/prepared-file'
import { noteForVisit, type VisitNote } from '~/ui/use-visit-note'

const words = { preparing: 'being prepared', finished: 'finished' }
const ready: PreparedFileState = { state: 'ready', fileName: 'a.csv', sizeBytes: 10, createdAt: '2026-12-07T04:00:00Z' }

describe('the note after a file was asked for', () => {
  it.each<[string, Array<PreparedFileState | null | undefined>, string]>([
    ['one file still being prepared', [{ state: 'preparing', progress: '' }, ready], 'being prepared'],
    ['every file ready', [ready, ready], 'finished'],
    ['a failed file and a ready one', [{ state: 'failed', error: 'boom' }, ready], 'finished'],
    ['no file data (null, undefined)', [null, undefined], 'finished'],
  ])('%s', (_case, files, expected) => {
    expect(fileRequestedNote(files, words)).toBe(expected)
  })
})

// The loader reads a flash once: the page's re-reads while a file is prepared come back without it
// (CI, stop 34: the dashboard lost "The export has finished" when its job outlasted the first load).
describe('the flash note kept for the visit it came with', () => {
  const kept: VisitNote = { key: 'visit-1', note: 'export-requested' }
  it.each<[string, VisitNote | null, string, string | null, VisitNote | null]>([
    ['a note arrives with a visit', null, 'visit-1', 'export-requested', kept],
    ['the page re-reads its data: no note in the data, the visit is the same', kept, 'visit-1', null, kept],
    ['the person goes to another period: a new visit without a note', kept, 'visit-2', null, null],
    ['a new visit brings its own note', kept, 'visit-2', 'export-missing', { key: 'visit-2', note: 'export-missing' }],
    ['the same visit brings another note', kept, 'visit-1', 'export-missing', { key: 'visit-1', note: 'export-missing' }],
    ['no note ever', null, 'visit-1', null, null],
  ])('%s', (_case, before, key, note, expected) => {
    expect(noteForVisit(before, key, note)).toEqual(expected)
  })

  it('gives back the same object while nothing changes, so the hook stores nothing new', () => {
    expect(noteForVisit(kept, 'visit-1', null)).toBe(kept)
    expect(noteForVisit(kept, 'visit-1', 'export-requested')).toBe(kept)
  })
})
