// The ClickHouse engine (chdb, in-process ClickHouse) behind its HTTP interface, in a
// process of its own: the collector benchmark's ClickHouse "server". Apart from the bench
// process so that the engine's CPU time is measured by itself (/proc/PID/stat), as a real
// server's would be, and not mixed with the load generator's. Prints its URL, then serves
// until SIGTERM.
import { startChdbHttpServer } from '../../packages/collector/dist/index.js';

const front = await startChdbHttpServer();
console.log(front.url);
process.on('SIGTERM', () => {
  front.close().finally(() => process.exit(0));
});
