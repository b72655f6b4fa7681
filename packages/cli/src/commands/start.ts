import type { Command } from 'commander';
import type { CliIo } from '../io.js';
import { runServer } from './server/serve.js';

/**
 * `immunotrial start`: what `npm start` runs. The server on the embedded database (IMMUNOTRIAL_DATA_DIR or
 * ./data, or DATABASE_URL), the four shipped protocols loaded, an administrator created on first start.
 */
export function registerStartCommand(program: Command, io: CliIo): void {
  program
    .command('start')
    .description('Start Immunotrial: `immunotrial serve` on port PORT (default 3000)')
    .action(() => runServer({ port: process.env.PORT ?? '3000', host: process.env.HOST ?? '127.0.0.1' }, io));
}
