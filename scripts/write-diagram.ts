import { readFileSync, writeFileSync } from 'node:fs';
import { replaceDiagramInReadme } from '../src/trajectory/readme-diagram.js';

const readmePath = new URL('../../README.md', import.meta.url);
writeFileSync(readmePath, replaceDiagramInReadme(readFileSync(readmePath, 'utf8')));
console.log('README.md: trajectory diagram written from the machine');
