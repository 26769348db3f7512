/** The two levels the client logs at: one `debug` line per HTTP attempt, `warn` for failures and retries. */
export interface Cin7Logger {
  debug(msg: string, meta?: object): void;
  warn(msg: string, meta?: object): void;
}

export const silentLogger: Cin7Logger = {
  debug: () => {},
  warn: () => {},
};
