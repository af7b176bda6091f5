// The part of libpq's binding (npm "libpq", node-postgres's native layer) that PgConnection uses.
declare module "libpq" {
  interface ErrorFields {
    severity?: string;
    sqlState?: string;
    messagePrimary?: string;
    messageDetail?: string;
    messageHint?: string;
    constraintName?: string;
  }
  class PQ {
    connectSync(conninfo: string): void;
    errorMessage(): string;
    finish(): void;
    exec(sql: string): void;
    execParams(sql: string, params: (string | null)[]): void;
    resultStatus(): string;
    resultErrorMessage(): string;
    resultErrorFields(): ErrorFields;
    clear(): void;
    ntuples(): number;
    nfields(): number;
    fname(col: number): string;
    ftype(col: number): number;
    getvalue(row: number, col: number): string;
    getisnull(row: number, col: number): boolean;
    cmdTuples(): string;
    /** 0 idle, 1 active, 2 in a transaction, 3 in a failed transaction, 4 unknown (connection bad). */
    transactionStatus(): number;
    connected: boolean;
  }
  export = PQ;
}
