import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';

/**
 * A Mermaid state diagram drawn from a machine itself, so the pictures in the README cannot
 * drift from the code: `npm run diagram` writes them, a test compares them. Eventless
 * (`always`) transitions are drawn with their guard only.
 */
export function machineDiagram(machine: AnyStateMachine): string {
  const root = machine.root;
  const states = Object.values(root.states) as AnyStateNode[];
  const lines = ['stateDiagram-v2', `  [*] --> ${root.initial.target[0].key}`];
  for (const state of states) {
    if (state.type === 'final') {
      lines.push(`  ${state.key} --> [*]`);
      continue;
    }
    for (const transition of ownTransitions(state)) lines.push(edge(state, transition));
  }
  return lines.join('\n');
}

function ownTransitions(node: AnyStateNode): AnyTransitionDefinition[] {
  return [...(node.always ?? []), ...[...node.transitions.values()].flatMap((candidates) =>
    candidates.map((transition, index) => ({ ...transition, fallback: index > 0 && !transition.guard })),
  )];
}

function edge(from: AnyStateNode, transition: AnyTransitionDefinition & { fallback?: boolean }): string {
  const target = transition.target?.[0]?.key ?? from.key;
  const condition = transition.guard ? `[${guardName(transition.guard)}]` : transition.fallback ? '[otherwise]' : '';
  const label = [transition.eventType, condition].filter(Boolean).join(' ');
  return `  ${from.key} --> ${target} : ${label}`;
}

/** A guard by name, with its parameters when it takes any: correctionLeavesAfter(workshop 2). */
function guardName(guard: unknown): string {
  if (typeof guard !== 'object' || guard === null) return String(guard);
  const { type, params } = guard as { type: string; params?: Record<string, unknown> };
  const args = Object.entries(params ?? {}).map(([key, value]) => `${key} ${String(value)}`);
  return args.length ? `${type}(${args.join(', ')})` : type;
}
