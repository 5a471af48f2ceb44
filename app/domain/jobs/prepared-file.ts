/**
 * Where a file made by a job stands, as a page shows it (ADR 0029): not asked for, being prepared
 * (with the job's progress in words), ready to download, or failed with its error. One type for the
 * service that reads it (app/services/prepared-files.server.ts) and the component that shows it
 * (app/ui/prepared-file.tsx).
 */
export type PreparedFileState =
  | { state: 'none' }
  | { state: 'preparing'; progress: string }
  | { state: 'ready'; fileName: string; sizeBytes: number; createdAt: string }
  | { state: 'failed'; error: string }
