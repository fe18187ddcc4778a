import { runCandlesCli } from './lib/candles-cli';

// A closed pipe (`| head`) is not an error worth a stack trace.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
	if (error.code !== 'EPIPE') throw error;
	process.exit(0);
});

process.exitCode = await runCandlesCli(process.argv.slice(2), {
	stdout: process.stdout,
	stderr: process.stderr
});
