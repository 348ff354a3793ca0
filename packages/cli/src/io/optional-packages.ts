import { UsageError } from './cli-io.js';

/**
 * The packages the CLI loads only for the commands that need them, so that
 * installing @accolade/cli in a rules repository brings no database driver
 * and no broker client. They are optional peer dependencies: a user who asks
 * for `--store` or `serve` installs them next to the CLI.
 */
export const optionalPackages = {
  postgres: (): Promise<typeof import('@accolade/postgres')> => import('@accolade/postgres'),
  amqp: (): Promise<typeof import('@accolade/amqp')> => import('@accolade/amqp'),
};

const PACKAGE_NAMES: Record<keyof typeof optionalPackages, string> = {
  postgres: '@accolade/postgres',
  amqp: '@accolade/amqp',
};

/** The package a failed import could not find, when that is why it failed. */
export function missingPackage(error: unknown): string | null {
  if (typeof error !== 'object' || error === null || (error as { code?: unknown }).code !== 'ERR_MODULE_NOT_FOUND') return null;
  const found = /Cannot find package '([^']+)'/.exec(String((error as { message?: unknown }).message));
  return found?.[1] ?? null;
}

/**
 * Load an optional package for `purpose` (e.g. "--store postgres://..."). When it,
 * or one of its own dependencies, is not installed, a UsageError (exit 2) names
 * the package to install.
 */
export async function loadOptional<K extends keyof typeof optionalPackages>(
  which: K,
  purpose: string,
): Promise<Awaited<ReturnType<(typeof optionalPackages)[K]>>> {
  try {
    return (await optionalPackages[which]()) as Awaited<ReturnType<(typeof optionalPackages)[K]>>;
  } catch (error) {
    const missing = missingPackage(error);
    if (missing === null) throw error;
    const wanted = PACKAGE_NAMES[which];
    const what = missing === wanted ? wanted : `${missing} (needed by ${wanted})`;
    throw new UsageError(`${purpose} needs the package ${what}, which is not installed; install it next to @accolade/cli (npm install ${missing})`);
  }
}
