import { readFileSync, writeFileSync } from 'node:fs';
import { replaceDiagramsInReadme } from '../src/diagrams/readme-diagrams.js';

const readmePath = new URL('../../README.md', import.meta.url);
writeFileSync(readmePath, replaceDiagramsInReadme(readFileSync(readmePath, 'utf8')));
console.log('README.md: diagrams written from the machines');
