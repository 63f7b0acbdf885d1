import { readFileSync } from 'node:fs';
import { replaceDiagramInReadme } from './readme-diagram.js';
import { trajectoryDiagram } from './trajectory-diagram.js';
import { trajectoryMachine } from './trajectory.machine.js';

describe('the trajectory diagram', () => {
  it('in README.md is the one drawn from the machine (run `npm run diagram` to update it)', () => {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    expect(readme).toBe(replaceDiagramInReadme(readme));
  });

  it('draws every state and the guarded ways out of workshop 1', () => {
    const diagram = trajectoryDiagram(trajectoryMachine);
    for (const state of Object.keys(trajectoryMachine.states)) expect(diagram).toContain(`  ${state} `);
    expect(diagram).toContain('intakeHeld --> workshop1Attended : RECORD_WORKSHOP_1_ATTENDANCE [attendanceObligationMet]');
    expect(diagram).toContain('intakeHeld --> droppedOut : RECORD_WORKSHOP_1_ATTENDANCE [otherwise]');
    expect(diagram).toContain('workshop1Attended --> workshop1Attended : HOLD_ADVISORY_MEETING [advisoryMeetingsLeft]');
    expect(diagram).toContain('droppedOut --> workshop2Attended : CORRECT_ATTENDANCE [correctionLeavesAfter(workshop 2)]');
    expect(diagram).not.toContain('[object');
  });
});
