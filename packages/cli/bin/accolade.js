#!/usr/bin/env node
// A stable file for the bin link: pnpm links bins at install time, before dist/ exists.
import { main } from '../dist/main.js';

// A reader that goes away early (`accolade replay ... | head`) is not an error.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
}

process.exitCode = await main(process.argv.slice(2));
