import { StartError } from './StartError.js';

/** One line saying why the collector cannot listen on host:port, and what to change. */
export function listenError(e: unknown, host: string, port: number): StartError | unknown {
  const code = (e as NodeJS.ErrnoException)?.code;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const why: Record<string, string> = {
    EADDRINUSE: `the port is in use (another collector?); choose another with --port, SABU_PORT or "port" in the config (0 picks a free one)`,
    EACCES: `permission denied (ports below 1024 need privileges); choose a port above 1024`,
    EADDRNOTAVAIL: `this machine has no such address; set "host" to one of its addresses, e.g. 127.0.0.1 or 0.0.0.0`,
    ENOTFOUND: `unknown host name; set "host" to an address such as 127.0.0.1 or 0.0.0.0`,
    EAI_AGAIN: `the host name could not be resolved; set "host" to an address such as 127.0.0.1 or 0.0.0.0`,
    EAI_FAIL: `the host name could not be resolved; set "host" to an address such as 127.0.0.1 or 0.0.0.0`,
  };
  if (code && why[code]) return new StartError(`cannot listen on ${where}: ${why[code]}`);
  return e;
}
