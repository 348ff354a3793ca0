#!/usr/bin/env node
// A stable file for the bin link: pnpm links bins at install time, before dist/ exists.
import { main } from '../dist/main.js';

process.exitCode = await main(process.argv.slice(2));
