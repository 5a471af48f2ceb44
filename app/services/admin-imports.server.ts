import { CmsImportError, importCmsFolder, type CmsImportReport } from './cms-import.server'
import { CsvFileError } from './csv-reader.server'
import { importOffersFile, type OffersImportReport } from './offers-import.server'
import { receiveCsvUpload } from './upload.server'
import type { Actor } from '~/domain/tenancy'

export const MAX_OFFERS_UPLOAD_BYTES = 5_000_000

export type AdminImportResult =
  | { kind: 'cms'; ok: true; report: CmsImportReport }
  | { kind: 'offers'; ok: true; fileName: string; report: OffersImportReport }
  | { kind: 'cms' | 'offers'; ok: false; error: string; report?: OffersImportReport }

/** Runs a CMS import from a folder on the server; known failures come back as messages. */
export async function runCmsImport(folder: string): Promise<AdminImportResult> {
  if (!folder.trim()) return { kind: 'cms', ok: false, error: 'Enter the folder on the server that holds the CMS files.' }
  // Longer than any real path (PATH_MAX is 4,096): refused before the file system sees it, and not echoed back.
  if (folder.length > 4_096) return { kind: 'cms', ok: false, error: 'That folder path is too long: enter the folder that holds the CMS files' }
  try {
    return { kind: 'cms', ok: true, report: await importCmsFolder(folder.trim()) }
  } catch (error) {
    if (error instanceof CmsImportError || error instanceof CsvFileError) return { kind: 'cms', ok: false, error: error.message }
    throw error
  }
}

/** Receives an uploaded offers CSV and imports it (all or nothing). */
export async function runOffersUpload(actor: Actor, request: Request): Promise<AdminImportResult> {
  const upload = await receiveCsvUpload(request, 'file', MAX_OFFERS_UPLOAD_BYTES)
  if (!upload.ok) return { kind: 'offers', ok: false, error: upload.error }
  try {
    const report = await importOffersFile(upload.filePath, { label: upload.fileName, actor })
    if (!report.imported) return { kind: 'offers', ok: false, error: `${report.rejected.length} problem(s) found; nothing was imported.`, report }
    return { kind: 'offers', ok: true, fileName: upload.fileName, report }
  } catch (error) {
    if (error instanceof CsvFileError) return { kind: 'offers', ok: false, error: error.message }
    throw error
  } finally {
    upload.cleanup()
  }
}
