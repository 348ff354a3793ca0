/**
 * Run counts for the fuzzers. The default test command runs these; set
 * ACCOLADE_FUZZ_RUNS to run longer (e.g. overnight) with the same seeds.
 */
export const FUZZ_RUNS = Number(process.env['ACCOLADE_FUZZ_RUNS'] ?? 1000);
export const FUZZ_SEED = Number(process.env['ACCOLADE_FUZZ_SEED'] ?? 20261123);
