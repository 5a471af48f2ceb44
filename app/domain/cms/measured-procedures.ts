/**
 * Which procedures a CMS measure is about. The complication, readmission and payment measures the
 * portal reads are CMS's elective primary hip and knee replacement measures: they say nothing
 * about spinal fusion or any other procedure, so pages show them only beside TKA and THA.
 */
export const HIP_KNEE_PROCEDURE_CODES = ['TKA', 'THA'] as const

const MEASURED: Readonly<Record<string, readonly string[]>> = {
  COMP_HIP_KNEE: HIP_KNEE_PROCEDURE_CODES,
  READM_30_HIP_KNEE: HIP_KNEE_PROCEDURE_CODES,
  READM_30_HIP_KNEE_HRRP: HIP_KNEE_PROCEDURE_CODES,
  PAYM_90_HIP_KNEE: HIP_KNEE_PROCEDURE_CODES,
}

/** Is this measure about this procedure? Hospital-wide measures (stars, MSPB) are about every one. */
export function measuresProcedure(measureCode: string, procedureCode: string): boolean {
  const procedures = MEASURED[measureCode]
  return procedures === undefined || procedures.includes(procedureCode)
}

/** Does CMS publish the hip/knee complication and readmission measures for this procedure? */
export function hasHipKneeMeasures(procedureCode: string): boolean {
  return (HIP_KNEE_PROCEDURE_CODES as readonly string[]).includes(procedureCode)
}
