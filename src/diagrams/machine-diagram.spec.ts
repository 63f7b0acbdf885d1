import { readFileSync } from 'node:fs';
import { compassMachine } from '../compass/compass.machine.js';
import { defaultProgramme } from '../programmes/programmes.js';
import { machineDiagram } from './machine-diagram.js';
import { replaceDiagramsInReadme } from './readme-diagrams.js';

describe('the diagrams of the machines', () => {
  it('in README.md are the ones drawn from the machines (run `npm run diagram` to update them)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(replaceDiagramsInReadme(readme));
  });

  it('draws every state of the trajectory and the guarded ways out of workshop 1', () => {
    const { machine } = defaultProgramme();
    const diagram = machineDiagram(machine);
    for (const state of Object.keys(machine.states)) expect(diagram).toContain(`  ${state} `);
    expect(diagram).toContain('intakeHeld --> workshop1Attended : RECORD_WORKSHOP_1_ATTENDANCE [attendanceObligationMet]');
    expect(diagram).toContain('intakeHeld --> droppedOut : RECORD_WORKSHOP_1_ATTENDANCE [otherwise]');
    expect(diagram).toContain('workshop1Attended --> workshop1Attended : HOLD_ADVISORY_MEETING [advisoryMeetingsLeft]');
    expect(diagram).toContain('droppedOut --> workshop2Attended : CORRECT_ATTENDANCE [correctionLeavesAfter(workshop 2)]');
    expect(diagram).not.toContain('[object');
  });

  it('draws the compass moving to readyToClose on its own, and back when evidence goes', () => {
    const diagram = machineDiagram(compassMachine);
    expect(diagram).toContain('collecting --> readyToClose : [cycleComplete]');
    expect(diagram).toContain('readyToClose --> collecting : [cycleIncomplete]');
    expect(diagram).toContain('readyToClose --> collecting : CLOSE_CYCLE [forOpenCycle]');
    expect(diagram).toContain('collecting --> collecting : RECORD_EVIDENCE [forOpenStep]');
    expect(diagram).not.toContain('collecting --> collecting : CLOSE_CYCLE');
  });
});
