// Every message text the server code can put into a problem document, read from the source with
// the TypeScript parser: the arguments of the problem helpers and of `refuse`, `message`/`detail`/
// `error` properties, and the message argument of zod's checks. A template literal becomes its
// catalogue key, `{0}`, `{1}`… in place of its values (api/problem-text/fr.ts).
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

const ROOTS = ['api', 'domain', 'workflows', 'activities', 'client'];
/** Argument index of the message per helper (api/errors.ts, workflows/kit.ts). */
const HELPERS: Record<string, number> = {
  badRequest: 0,
  conflict: 0,
  unprocessable: 0,
  forbidden: 0,
  unauthorized: 0,
  notFound: 0,
  refuse: 1,
  retryLater: 1,
  HttpProblem: 2,
};
const PROPERTIES = new Set(['message', 'detail', 'error']);
const ZOD_CHECKS = new Set(['min', 'max', 'length', 'regex', 'refine', 'lte', 'gte', 'lt', 'gt', 'int', 'positive']);

export interface ProblemText {
  key: string;
  file: string;
  line: number;
}

function* sourceFiles(dir: string): Generator<string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) yield* sourceFiles(p);
    else if (e.name.endsWith('.ts') && !e.name.endsWith('.d.ts')) yield p;
  }
}

/** The catalogue keys a node can evaluate to: literals, templates, and both arms of a conditional. */
function keysOf(node: ts.Node): string[] {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return [node.text];
  if (ts.isTemplateExpression(node))
    return [node.head.text + node.templateSpans.map((s, i) => `{${i}}${s.literal.text}`).join('')];
  if (ts.isConditionalExpression(node)) return [...keysOf(node.whenTrue), ...keysOf(node.whenFalse)];
  if (ts.isParenthesizedExpression(node)) return keysOf(node.expression);
  return [];
}

const calleeName = (e: ts.Expression): string | undefined =>
  ts.isIdentifier(e) ? e.text : ts.isPropertyAccessExpression(e) ? e.name.text : undefined;

export function problemTexts(root: string): ProblemText[] {
  const found: ProblemText[] = [];
  for (const dir of ROOTS)
    for (const file of sourceFiles(join(root, dir))) {
      const sf = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
      const add = (node: ts.Node | undefined) => {
        if (!node) return;
        const line = sf.getLineAndCharacterOfPosition(node.getStart(sf)).line + 1;
        for (const key of keysOf(node)) found.push({ key, file: relative(root, file), line });
      };
      const visit = (node: ts.Node): void => {
        if (ts.isCallExpression(node) || ts.isNewExpression(node)) {
          const name = calleeName(node.expression);
          const args = node.arguments ?? ts.factory.createNodeArray();
          if (name && ts.isIdentifier(node.expression) && name in HELPERS) add(args[HELPERS[name]!]);
          else if (name && ts.isPropertyAccessExpression(node.expression) && ZOD_CHECKS.has(name) && args.length > 0)
            add(args[args.length - 1]);
        } else if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name) && PROPERTIES.has(node.name.text))
          add(node.initializer);
        // A domain rule that words a refusal for the caller to raise (`endorsementRefusal`).
        else if (ts.isFunctionDeclaration(node) && node.name && /Refusal$/.test(node.name.text))
          node.body?.forEachChild(function returns(n: ts.Node): void {
            if (ts.isReturnStatement(n)) add(n.expression);
            else if (!ts.isFunctionLike(n)) n.forEachChild(returns);
          });
        ts.forEachChild(node, visit);
      };
      visit(sf);
    }
  // Only texts with words in them: "{0} {1}" is assembled from other texts, which are found alone.
  return found.filter((t) => /[a-z]{2}/i.test(t.key.replace(/\{\d+\}/g, '')));
}
