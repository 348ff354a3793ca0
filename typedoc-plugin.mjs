// A local TypeDoc plugin: name each entry point's module by its import path
// (`@accolade/core`, `@accolade/fedora/testing`) rather than its folder
// (`core/src`), without a @module tag in every entry file.
import { Converter, ReflectionKind } from 'typedoc';

/** `core/src` → `@accolade/core`, `fedora/src/testing` → `@accolade/fedora/testing`. */
const importPath = (name) => name.replace(/^([\w-]+)\/src(\/.+)?$/, (_, pkg, sub = '') => `@accolade/${pkg}${sub}`);

/** @param {import('typedoc').Application} app */
export function load(app) {
  app.converter.on(Converter.EVENT_RESOLVE_BEGIN, (context) => {
    for (const module of context.project.getReflectionsByKind(ReflectionKind.Module)) module.name = importPath(module.name);
  });
}
