import type { AnyStateMachine, AnyStateNode, AnyTransitionDefinition } from 'xstate';

/**
 * A Mermaid state diagram drawn from the machine itself, so the picture in the README
 * cannot drift from the code: `npm run diagram` writes it, a test compares it.
 */
export function trajectoryDiagram(machine: AnyStateMachine): string {
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
  return [...node.transitions.values()].flatMap((candidates) =>
    candidates.map((transition, index) => ({ ...transition, fallback: index > 0 && !transition.guard })),
  );
}

function edge(from: AnyStateNode, transition: AnyTransitionDefinition & { fallback?: boolean }): string {
  const target = transition.target?.[0]?.key ?? from.key;
  const condition = transition.guard ? ` [${guardName(transition.guard)}]` : transition.fallback ? ' [otherwise]' : '';
  return `  ${from.key} --> ${target} : ${transition.eventType}${condition}`;
}

/** A guard by name, with its parameters when it takes any: correctionLeavesAfter(workshop 2). */
function guardName(guard: unknown): string {
  if (typeof guard !== 'object' || guard === null) return String(guard);
  const { type, params } = guard as { type: string; params?: Record<string, unknown> };
  const args = Object.entries(params ?? {}).map(([key, value]) => `${key} ${String(value)}`);
  return args.length ? `${type}(${args.join(', ')})` : type;
}
