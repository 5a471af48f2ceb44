import argon2 from 'argon2'

// OWASP password-storage cheat sheet: argon2id, m=19 MiB, t=2, p=1 as the minimum. We use
// 19 MiB / t=2 so sign-in stays fast on two cores while memory-hardness resists GPU cracking.
const OPTIONS = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, OPTIONS)
}

export function verifyPassword(hash: string, password: string): Promise<boolean> {
  return argon2.verify(hash, password)
}

let dummyHash: Promise<string> | undefined
/** Spends the same time as a real check, so unknown e-mails cannot be told apart by timing. */
export async function verifyAgainstDummy(password: string): Promise<false> {
  dummyHash ??= hashPassword('dummy-password-for-timing-only')
  await argon2.verify(await dummyHash, password)
  return false
}
