// The emulator runs the client's own TypeScript sources (src/: the flow validator and the expression
// evaluator), which import each other as `./x.js`, as their compiled form will. Node.js strips types but
// does not map `.js` to `.ts`; this hook does, for relative imports whose `.js` file does not exist.
// Register it before the first dynamic import of a module that reaches src/.
import { registerHooks } from 'node:module';

let registered = false;

export function resolveSourceImports(): void {
  if (registered) return;
  registered = true;
  registerHooks({
    resolve(specifier, context, nextResolve) {
      try {
        return nextResolve(specifier, context);
      } catch (error) {
        const missing = (error as NodeJS.ErrnoException).code === 'ERR_MODULE_NOT_FOUND';
        if (!missing || !specifier.startsWith('.') || !specifier.endsWith('.js')) throw error;
        return nextResolve(`${specifier.slice(0, -3)}.ts`, context);
      }
    },
  });
}
