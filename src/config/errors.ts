/** A problem in a configuration file, reported as one line: `file:line: key: what is wrong`. */
export class ConfigError extends Error {
  constructor(
    readonly file: string,
    readonly line: number | null,
    readonly key: string | null,
    readonly problem: string,
  ) {
    super(`${file}${line ? `:${line}` : ''}: ${key ? `${key}: ` : ''}${problem}`);
    this.name = 'ConfigError';
  }
}
