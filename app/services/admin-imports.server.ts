import fs from 'node:fs'
import path from 'node:path'
import { CMS_FILES, CmsImportError, importCmsFolder, type CmsFileSummary, type CmsImportReport } from './cms-import.server'
import { CsvFileError, locateCsvFile } from './csv-reader.server'
import { getDb } from '~/db/client.server'
import { listCmsImports } from '~/db/repositories/facilities.server'
import { importOffersFile, type OffersImportReport } from './offers-import.server'
import { receiveCsvUpload } from './upload.server'
import { getEnv } from '~/env.server'
import type { Actor } from '~/domain/tenancy'

export const MAX_OFFERS_UPLOAD_BYTES = 5_000_000

export type AdminImportResult =
  | { kind: 'cms'; ok: true; report: CmsImportReport }
  | { kind: 'offers'; ok: true; fileName: string; report: OffersImportReport }
  | { kind: 'cms' | 'offers'; ok: false; error: string; report?: OffersImportReport }

/**
 * The one answer to every folder that is not one of those listed (issue 18): a missing name, a
 * path, "..", a name with control characters or of 5,000 characters. The same words for all, so
 * the page reveals nothing about what else is on the server.
 */
export const CMS_FOLDER_REFUSAL = 'Choose one of the folders in the imports folder.'

/** A release folder in the imports root, as the page lists it. */
export interface ImportFolder {
  name: string
  hasGeneralInformation: boolean
  /** How many of the files an import reads (CMS_FILES) the folder holds. */
  cmsFiles: number
  /** The newest modification time of those files (ISO), or null when it holds none. */
  newestFileAt: string | null
}

/** The imports root as configured (IMPORTS_DIR), relative to the working directory unless absolute. */
function getImportsRoot(): string {
  return getEnv().IMPORTS_DIR
}

/** A name as readdir gives it that the page may offer: no separators, not "." or "..", nor hidden, no control characters. */
function isOfferableName(name: string): boolean {
  return name.length > 0 && name.length <= 255 && !name.startsWith('.') && !/[/\\\u0000-\u001f\u007f]/.test(name)
}

// The file-system errors that make an entry unusable rather than the page broken: gone, not a
// folder, a broken or looping symlink, or no permission to look.
const UNUSABLE_ENTRY = new Set(['ENOENT', 'ENOTDIR', 'ELOOP', 'EACCES', 'EPERM'])

/** stat (following symlinks), or null when the entry is unusable. */
function statOrNull(file: string): fs.Stats | null {
  try {
    return fs.statSync(file)
  } catch (error) {
    if (error instanceof Error && UNUSABLE_ENTRY.has((error as NodeJS.ErrnoException).code ?? '')) return null
    throw error
  }
}

/**
 * The direct subfolders of the imports root (symlinks to folders included: the operator places
 * releases there), by name, with what each holds. A root that does not exist lists nothing.
 */
export function listImportFolders(): { root: string; folders: ImportFolder[]; cmsFileCount: number } {
  const root = getImportsRoot()
  const cmsFileCount = CMS_FILES.length
  let names: string[]
  try {
    names = fs.readdirSync(root)
  } catch (error) {
    if (error instanceof Error && ['ENOENT', 'ENOTDIR'].includes((error as NodeJS.ErrnoException).code ?? '')) return { root, folders: [], cmsFileCount }
    throw error
  }
  const folders: ImportFolder[] = []
  for (const name of names) {
    if (!isOfferableName(name)) continue
    const folder = path.join(root, name)
    if (!statOrNull(folder)?.isDirectory()) continue
    // A full release (plain files) or a compact extract (gzipped), as the importer reads them.
    const files = CMS_FILES.map((file) => {
      const found = locateCsvFile(folder, file, 'utf8')
      return { file, stats: found ? statOrNull(found.path) : null }
    }).filter((f) => f.stats?.isFile())
    const newest = Math.max(...files.map((f) => f.stats!.mtimeMs))
    folders.push({
      name,
      hasGeneralInformation: files.some((f) => f.file === CMS_FILES[0]),
      cmsFiles: files.length,
      newestFileAt: files.length > 0 ? new Date(newest).toISOString() : null,
    })
  }
  folders.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }))
  return { root, folders, cmsFileCount }
}

/**
 * Runs a CMS import of one folder of the imports root, chosen by its exact name; anything that
 * is not one of the folders listed right now gets CMS_FOLDER_REFUSAL and changes nothing. The
 * import is audited with the actor (refused files too); known failures come back as messages.
 */
export async function runCmsImport(actor: Actor, choice: string): Promise<AdminImportResult> {
  const refused = { kind: 'cms', ok: false, error: CMS_FOLDER_REFUSAL } as const
  if (!isOfferableName(choice)) return refused
  const { root, folders } = listImportFolders()
  const listed = folders.find((f) => f.name === choice)
  if (!listed) return refused
  try {
    const report = await importCmsFolder(path.join(root, listed.name), { audit: { actor, actorLabel: null, folder: listed.name } })
    return { kind: 'cms', ok: true, report }
  } catch (error) {
    if (error instanceof CmsImportError || error instanceof CsvFileError) return { kind: 'cms', ok: false, error: error.message }
    throw error
  }
}

/** One past CMS import as the imports page lists it (cms_imports, issue 19). */
export interface CmsImportHistoryEntry {
  id: string
  importedAt: string
  by: string
  folder: string
  outcome: 'imported' | 'unchanged' | 'refused'
  files: CmsFileSummary[]
  missing: string[]
  facilitiesAdded: number
  facilitiesChanged: number
  facilitiesInactivated: number
  facilitiesReactivated: number
  measuresAdded: number
  measuresChanged: number
  measuresCleared: number
  message: string | null
}

/** The latest CMS imports, newest first: who ran each, on what files of which periods, and what it changed. */
export async function listCmsImportHistory(limit = 20): Promise<CmsImportHistoryEntry[]> {
  const rows = await listCmsImports(getDb(), limit)
  return rows.map(({ actorEmail, actorLabel, files, missing, ...row }) => ({
    ...row,
    by: actorEmail ?? actorLabel ?? 'unknown',
    files: JSON.parse(files) as CmsFileSummary[],
    missing: JSON.parse(missing) as string[],
  }))
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
