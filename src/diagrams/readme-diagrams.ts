import type { AnyStateMachine } from 'xstate';
import { compassMachine } from '../compass/compass.machine.js';
import { DAGBESTEDING_V1 } from '../programmes/dagbesteding/dagbesteding.definition.js';
import { defaultProgramme } from '../programmes/programmes.js';
import { machineDiagram } from './machine-diagram.js';

/** The machines drawn in README.md, each between its own markers: the default programme's trajectory, the compass, and the advisory trajectory for one municipality. */
export const README_DIAGRAMS: { name: string; machine: AnyStateMachine }[] = [
  { name: 'trajectory', machine: defaultProgramme().machine },
  { name: 'compass', machine: compassMachine },
  { name: 'dagbesteding', machine: DAGBESTEDING_V1.machine },
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
