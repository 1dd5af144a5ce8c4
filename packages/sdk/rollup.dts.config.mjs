// Bundles the SDK's declarations into one self-contained dist/index.d.ts: the router type from
// @parley/api is copied in, so an installed SDK type-checks without any server package. Only the
// published dependencies' types (@trpc/*, eventsource) stay imports.
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dts } from 'rollup-plugin-dts';

const apiPackage = realpathSync(fileURLToPath(new URL('../api/', import.meta.url)));
const stub = (name) => fileURLToPath(new URL(`./types/${name}.d.ts`, import.meta.url));

/**
 * The router's root types name two server-only types: its context (database handles, the event
 * hub) and its operation meta (OpenAPI routes). Clients never read either; following them would
 * pull the database layer's and trpc-to-openapi's types into the SDK. Opaque stand-ins take
 * their place.
 */
const serverOnlyTypes = {
  name: 'parley-server-only-types',
  resolveId(source, importer) {
    if (!importer || !realpathSync(importer).startsWith(apiPackage)) return null;
    if (source === './context.js' || source.endsWith('/context.js')) return stub('serverContext');
    if (source === '@parley/contracts/operationMeta') return stub('operationMeta');
    return null;
  },
};

const external = [/^@trpc\//, /^eventsource$/];

export default {
  input: '.cache/dts/index.d.ts',
  output: { file: 'dist/index.d.ts', format: 'es' },
  external,
  plugins: [
    serverOnlyTypes,
    dts({ respectExternal: true, tsconfig: 'tsconfig.build.json' }),
    {
      name: 'parley-check-self-contained',
      // Fail the build, rather than publish declarations that import what users do not have.
      generateBundle(_options, bundle) {
        for (const chunk of Object.values(bundle)) {
          if (chunk.type !== 'chunk') continue;
          const imports = [...chunk.code.matchAll(/from ['"]([^'"]+)['"]/g)].map((m) => m[1]);
          const foreign = imports.filter((spec) => !external.some((pattern) => pattern.test(spec)));
          if (foreign.length > 0) this.error(`dist/index.d.ts imports ${foreign.join(', ')}`);
        }
      },
    },
  ],
};
