import { definitionProblems, registeredProgrammes } from './programmes.js';
import { WERKATELIERS_V1 } from './werkateliers/werkateliers.definition.js';

describe('the registry of programmes', () => {
  it.each(registeredProgrammes().map((definition) => [`${definition.key} v${definition.version}`, definition]))(
    'runs %s: its sessions, machine and words are what the engine, routes and pages rely on',
    (_name, definition) => {
      expect(definitionProblems(definition)).toEqual([]);
    },
  );

  it('says what keeps a definition from running', () => {
    const { registered: _gone, ...states } = WERKATELIERS_V1.words.states;
    const broken = {
      ...WERKATELIERS_V1,
      sessions: [...WERKATELIERS_V1.sessions, { ...WERKATELIERS_V1.sessions[1], key: 'workshop 4' }, { ...WERKATELIERS_V1.sessions[0] }],
      meetings: 'workshop1',
      minimumToStart: 9,
      words: { ...WERKATELIERS_V1.words, states },
    };
    expect(definitionProblems(broken)).toEqual([
      'session key "workshop 4" is not a letter followed by up to 59 letters, digits or dashes',
      'session key "intake" is used twice',
      'session number 1 is used twice',
      'meetings names "workshop1", which is no session per unit',
      'state "registered" has no words',
      'the minimum to start (9) is outside the capacity (5 to 8)',
    ]);
  });
});
