import { trajectoryDiagram } from './trajectory-diagram.js';
import { trajectoryMachine } from './trajectory.machine.js';

const START = '<!-- trajectory-diagram:start (npm run diagram) -->';
const END = '<!-- trajectory-diagram:end -->';

export function replaceDiagramInReadme(readme: string): string {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`README.md lacks the markers ${START} ... ${END}`);
  const block = ['```mermaid', trajectoryDiagram(trajectoryMachine), '```'].join('\n');
  return `${readme.slice(0, start + START.length)}\n${block}\n${readme.slice(end)}`;
}
