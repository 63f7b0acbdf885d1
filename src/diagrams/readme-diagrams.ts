import type { AnyStateMachine } from 'xstate';
import { compassMachine } from '../compass/compass.machine.js';
import { trajectoryMachine } from '../trajectory/trajectory.machine.js';
import { machineDiagram } from './machine-diagram.js';

/** The machines drawn in README.md, each between its own markers. */
export const README_DIAGRAMS: { name: string; machine: AnyStateMachine }[] = [
  { name: 'trajectory', machine: trajectoryMachine },
  { name: 'compass', machine: compassMachine },
];

export function replaceDiagramsInReadme(readme: string): string {
  return README_DIAGRAMS.reduce((text, { name, machine }) => {
    const start = `<!-- ${name}-diagram:start (npm run diagram) -->`;
    const end = `<!-- ${name}-diagram:end -->`;
    const from = text.indexOf(start);
    const to = text.indexOf(end);
    if (from < 0 || to < from) throw new Error(`README.md lacks the markers ${start} ... ${end}`);
    const block = ['```mermaid', machineDiagram(machine), '```'].join('\n');
    return `${text.slice(0, from + start.length)}\n${block}\n${text.slice(to)}`;
  }, readme);
}
