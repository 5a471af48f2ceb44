import { describe, expect, it } from 'vitest'
import { fileRequestedNote, type PreparedFileState } from '~/ui/prepared-file'

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
