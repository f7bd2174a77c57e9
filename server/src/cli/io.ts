/** Where the CLI writes: standard output and standard error (tests capture them). */
export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
}
