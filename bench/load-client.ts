/**
 * The load generator of bench:http, in a process of its own (forked by http.bench.ts), so that
 * process.cpuUsage() of the benchmark's process is the servers' CPU alone. Receives autocannon's
 * options over IPC, runs them, and sends back the result.
 */
import autocannon from 'autocannon';

process.on('message', (opts: autocannon.Options) => {
  autocannon(opts, (err, result) => {
    if (err) process.send!({ error: String(err) });
    else process.send!({ result });
  });
});
