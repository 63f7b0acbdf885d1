import type { CompassStep, Perspective } from './compass.machine.js';

/**
 * The steps of the Kwaliteitskompas (Movisie with NJi and Vilans; DOMAIN.md): their names and
 * questions in the model's own Dutch words, as participants read them, and which side leads.
 * Keyed by the machine's steps: a new step does not compile without its words.
 */
export interface CompassStepDefinition {
  name: string;
  question: string;
  /** The sides that lead this step; the other side contributes, residents' voices are preferred. */
  leads: readonly Exclude<Perspective, 'residents'>[];
}

export const COMPASS_STEP_DEFINITIONS: Record<CompassStep, CompassStepDefinition> = {
  0: {
    name: 'Wat er vooraf gaat',
    question: 'Wat is het gedeelde beeld van het probleem?',
    leads: ['municipality', 'provider'],
  },
  1: {
    name: 'Monitoring & ambities',
    question: 'Hoe gaat het met onze inwoners, en wat zijn onze beleidsambities?',
    leads: ['municipality'],
  },
  2: {
    name: 'Maatschappelijk resultaat',
    question: 'Wat willen we bereiken voor en met inwoners, en aan welke indicatoren zien we dat?',
    leads: ['municipality'],
  },
  3: {
    name: 'Activiteiten',
    question: 'Welke activiteiten dragen daaraan bij, en wie doet wat?',
    leads: ['municipality', 'provider'],
  },
  4: {
    name: 'Input kwaliteit',
    question: 'Hoe borgen de voorzieningen hun kwaliteit (scholing, wat werkt, methoden)?',
    leads: ['provider'],
  },
  5: {
    name: 'Outcome',
    question: 'Bereiken we resultaten, zichtbaar in indicatoren die tellen en vertellen?',
    leads: ['provider'],
  },
  6: {
    name: 'Verbetercyclus',
    question: 'Gaat het beter met inwoners; wat gaat goed en wat moet beter? Welke verbeteracties spreken we af?',
    leads: ['municipality', 'provider'],
  },
};
