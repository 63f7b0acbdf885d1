import { registerProgramme } from '../../../src/programmes/programmes.js';
import { TRYOUT_V1 } from './tryout.definition.js';

/*
 * Registers the test-only Proeftraject beside the programmes that ship. Import this module first
 * in a test file: DTOs and the API documentation read the registry when their modules load, and
 * ES modules load in the order they are imported.
 */
registerProgramme(TRYOUT_V1);
