/** The two SQL dialects the project runs on (ADR 0003). */
export type Dialect = 'sqlite' | 'postgres'
