import { fileURLToPath } from 'node:url';

/**
 * A folder of files beside a module in src/ (templates, a stylesheet). The build compiles only
 * code into dist/, so the built module (dist/src/...) reads the folder in src/ as well.
 */
export function sourceFolder(moduleUrl: string, folder: string): string {
  return fileURLToPath(new URL(folder, moduleUrl)).replace(/([/\\])dist\1src\1/, '$1src$1');
}
