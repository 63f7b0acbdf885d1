import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import ts from 'typescript';

/*
 * The folders under src/ import each other one way (STYLE.md, "Imports flow one way" and "No
 * cycles between folders"). Today's layers, from the bottom up; a folder imports only folders
 * below it:
 *
 *   shared, types, config      nothing of ours: roles, sides, principal, actor, change headers, dates
 *   trajectory, compass        the engine that runs any programme's machine (given its definition), the compass machine
 *   database, logging, outbox  infrastructure
 *   problems < http < auth     error codes and the exception filter, request plumbing, sign-in and access rules
 *   audit, idempotency, health, programmes, diagrams   programmes: each programme's definition, machine and words
 *   cohorts < sessions < notifications < duos
 *   accounts, attendance, privacy, cycles < evidence < inquiry < reports, next-step   inquiry: what an advisory trajectory records (its files kept as evidence keeps them)
 *   web                        the pages: may import any feature; nothing imports it
 *   src/*.ts                   the app (app.module.ts, app.factory.ts, main.ts)
 *
 * Where a lower folder needs a higher one, the higher one registers itself: the duos module
 * provides the access guard's AccessScopes, the web module the filter's PageProblems, each module
 * its own entities (TypeOrmModule.forFeature); the notifications listen for moved sessions and the
 * reports for closed cycles (SessionsService.whenMoved, CyclesService.whenClosed).
 *
 * What the test checks is that there is no cycle between folders (the list above is one order
 * that has none). Type-only imports count: they tie two folders together just the same.
 *
 * A folder's internals are its repositories (*.repository.ts, which hold its SQL), its SQL column
 * lists (an exported *_COLUMNS) and its controllers. No other folder imports them: it asks the
 * folder's service, module, views, DTOs, entities and types.
 */

const SRC = dirname(new URL(import.meta.url).pathname);

interface Import {
  from: string;
  to: string;
  names: string[];
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [path] : [];
  });
}

/** Every relative import and re-export of our own files, static or dynamic, with the names it takes. */
function importsOf(file: string): Import[] {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, false);
  const found: Import[] = [];
  const visit = (node: ts.Node): void => {
    let specifier: ts.Expression | undefined;
    let names: string[] = [];
    if (ts.isImportDeclaration(node)) {
      specifier = node.moduleSpecifier;
      const bindings = node.importClause?.namedBindings;
      if (bindings && ts.isNamedImports(bindings)) names = bindings.elements.map((element) => (element.propertyName ?? element.name).text);
    } else if (ts.isExportDeclaration(node)) {
      specifier = node.moduleSpecifier;
      if (node.exportClause && ts.isNamedExports(node.exportClause)) names = node.exportClause.elements.map((element) => (element.propertyName ?? element.name).text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      specifier = node.arguments[0];
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      specifier = node.argument.literal;
    }
    if (specifier && ts.isStringLiteral(specifier) && specifier.text.startsWith('.')) {
      const target = resolve(dirname(file), specifier.text).replace(/\.js$/, '.ts');
      if (target.startsWith(SRC + sep)) found.push({ from: file, to: target, names });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** The folder directly under src/ a file is in; the files directly in src/ are the app itself. */
function folderOf(file: string): string {
  const parts = relative(SRC, file).split(sep);
  return parts.length > 1 ? parts[0] : '(app)';
}

const imports = sourceFiles(SRC).flatMap(importsOf);
const between = imports.filter((i) => folderOf(i.from) !== folderOf(i.to));
const describeImport = (i: Import) => `${relative(SRC, i.from)} imports ${relative(SRC, i.to)}`;

/** The folders that import each other in a cycle (strongly connected components of two or more, Tarjan). */
function folderCycles(): string[][] {
  const edges = new Map<string, Set<string>>();
  for (const i of between) {
    const targets = edges.get(folderOf(i.from)) ?? new Set<string>();
    targets.add(folderOf(i.to));
    edges.set(folderOf(i.from), targets);
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const components: string[][] = [];
  const connect = (folder: string): void => {
    index.set(folder, index.size);
    low.set(folder, index.get(folder)!);
    stack.push(folder);
    for (const next of edges.get(folder) ?? []) {
      if (!index.has(next)) {
        connect(next);
        low.set(folder, Math.min(low.get(folder)!, low.get(next)!));
      } else if (stack.includes(next)) {
        low.set(folder, Math.min(low.get(folder)!, index.get(next)!));
      }
    }
    if (low.get(folder) !== index.get(folder)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      component.push(member);
    } while (member !== folder);
    if (component.length > 1) components.push(component.sort());
  };
  for (const folder of edges.keys()) if (!index.has(folder)) connect(folder);
  return components;
}

/** A cycle as a reader can cut it: every import between its folders, one witness per pair. */
function explain(cycle: string[]): string {
  const witnesses = new Map<string, Import>();
  for (const i of between) {
    const pair = `${folderOf(i.from)} -> ${folderOf(i.to)}`;
    if (cycle.includes(folderOf(i.from)) && cycle.includes(folderOf(i.to)) && !witnesses.has(pair)) witnesses.set(pair, i);
  }
  const lines = [...witnesses].sort(([a], [b]) => a.localeCompare(b)).map(([pair, i]) => `  ${pair}: ${describeImport(i)}`);
  return [`${cycle.join(', ')} import each other in a cycle:`, ...lines].join('\n');
}

function isInternal(i: Import): boolean {
  return i.to.endsWith('.repository.ts') || i.to.endsWith('.controller.ts') || i.names.some((name) => name.endsWith('_COLUMNS'));
}

describe('the folders under src/', () => {
  it('import each other one way: no cycle between folders', () => {
    expect(folderCycles().map(explain).join('\n\n')).toBe('');
  });

  it("import none of another folder's internals (its repositories, SQL column lists, controllers)", () => {
    expect(between.filter(isInternal).map(describeImport)).toEqual([]);
  });

  it('are read by this test (it finds the imports it is about)', () => {
    expect(between.some((i) => relative(SRC, i.from) === 'app.module.ts' && relative(SRC, i.to) === join('web', 'web.module.ts'))).toBe(true);
  });
});
