import { z } from 'zod'
import { CONTROL_CHARACTER_MESSAGE, plainTextForm } from './fields'

/** A new contract drafted from a program's network with one of its health systems (issue 21). */
export const NewContractSchema = plainTextForm(
  z.object({
    programId: z.string({ required_error: 'Choose the program' }).min(1, 'Choose the program').max(64, 'Choose the program'),
    healthSystemId: z.string({ required_error: 'Choose the health system' }).min(1, 'Choose the health system').max(64, 'Choose the health system'),
    title: z.string({ required_error: 'Name the contract' }).trim().min(1, 'Name the contract').max(120, 'Keep the contract name under 120 characters'),
  }),
  CONTROL_CHARACTER_MESSAGE,
)

export type NewContractInput = z.output<typeof NewContractSchema>

/** A coalition's new contract (issue 23): a health system and the procedures of its offers (a coalition has no program to start from). */
export const NewCoalitionContractSchema = plainTextForm(
  z.object({
    healthSystemId: z.string({ required_error: 'Choose the health system' }).min(1, 'Choose the health system').max(64, 'Choose the health system'),
    procedureCodes: z
      .array(z.string().min(1).max(32), { required_error: 'Choose at least one procedure', invalid_type_error: 'Choose at least one procedure' })
      .min(1, 'Choose at least one procedure')
      .max(50, 'Choose at most 50 procedures'),
    title: z.string({ required_error: 'Name the contract' }).trim().min(1, 'Name the contract').max(120, 'Keep the contract name under 120 characters'),
  }),
  CONTROL_CHARACTER_MESSAGE,
)

/** "Adopt the coalition network" on the employer's programs list (issue 23): the coalition contract to adopt. */
export const AdoptCoalitionNetworkSchema = z.object({
  intent: z.literal('adopt-coalition-network', { errorMap: () => ({ message: 'Choose the coalition network to adopt' }) }),
  contractId: z.string({ required_error: 'Choose the coalition contract to adopt' }).min(1, 'Choose the coalition contract to adopt').max(64, 'Choose the coalition contract to adopt'),
})

/** The buttons of a contract page. */
export const ContractIntentSchema = z.enum(['save', 'send', 'sign', 'new-version'], { errorMap: () => ({ message: 'Choose save, send, sign or start a new version' }) })

/** The buttons of a reconciliation period's page: close the period, settle its statement. */
export const PeriodIntentSchema = z.enum(['close', 'settle', 'prepare-pdf', 'prepare-csv'], {
  errorMap: () => ({ message: 'Choose close the period, settle its statement, or prepare its PDF or CSV' }),
})
