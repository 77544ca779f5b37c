// `kontor/module-boundaries`: a production file imports only what the module
// map (../module-map.js, docs/architecture.md) allows its module, and never
// test code. It sees every way a file names another: import (also `import
// type`), export … from, import(), require(), `import x = require()` and
// `typeof import()`. Specifiers that are not relative (npm packages) are
// other rules' business; an import() or require() of a computed name cannot
// be checked and is left alone.
import { dirname, relative, resolve, sep } from 'node:path';
import { crossing, isTestFile, moduleOf, MODULE_MAP } from '../module-map.js';

const toPosix = (p) => p.split(sep).join('/');

function literal(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return null;
}

/** @type {import('eslint').Rule.RuleModule} */
export const moduleBoundaries = {
  meta: {
    type: 'problem',
    docs: { description: 'Enforce the module map of docs/architecture.md: which module may import which, and no test code in production' },
    schema: [
      {
        type: 'object',
        properties: {
          root: { type: 'string' },
          temporary: {
            type: 'array',
            items: {
              type: 'object',
              properties: { file: { type: 'string' }, to: { type: 'string' }, until: { type: 'string' } },
              required: ['file', 'to', 'until'],
              additionalProperties: false,
            },
          },
        },
        required: ['root'],
        additionalProperties: false,
      },
    ],
    messages: {
      notAllowed:
        '{{from}} may not import {{target}} ({{to}}). {{from}} may import {{may}}. See the module map in docs/architecture.md: pass what it needs in, or move the code to the module that owns it.',
      onlyFrom: '{{from}} may import {{target}} only from {{files}} ({{to}}). See the module map in docs/architecture.md.',
      testCode: 'Production code never imports test code ({{to}}): move what both need into production code, or the helper into test/support.',
      unknownModule:
        'electron/{{from}} is not in the module map (test/config/module-map.js): add it there and to docs/architecture.md with what it may import.',
    },
  },
  create(context) {
    const { root, temporary = [] } = context.options[0];
    const file = toPosix(relative(root, context.filename));
    const fromModule = moduleOf(file);
    // Tests may import anything.
    if (fromModule === null || isTestFile(file)) return {};

    function check(node, specifier) {
      if (specifier === null || !specifier.startsWith('.')) return;
      const to = toPosix(relative(root, resolve(dirname(context.filename), specifier)));
      const why = crossing(file, to, MODULE_MAP, temporary);
      if (why === null) return;
      if (why === 'test code') return context.report({ node, messageId: 'testCode', data: { to } });
      if (why === 'unknown module') return context.report({ node, messageId: 'unknownModule', data: { from: fromModule } });
      const target = moduleOf(to);
      const edges = MODULE_MAP[fromModule].may.map((e) => (typeof e === 'string' ? { module: e } : e));
      const restricted = edges.find((e) => e.onlyFrom && (to.startsWith(`electron/${e.module}/`) || to === `electron/${e.module}`));
      if (restricted) {
        return context.report({
          node,
          messageId: 'onlyFrom',
          data: { from: fromModule, target: restricted.module, files: restricted.onlyFrom.join(', '), to },
        });
      }
      const may = [...edges.map((e) => e.module), 'shared'].join(', ');
      context.report({ node, messageId: 'notAllowed', data: { from: fromModule, target, to, may } });
    }

    return {
      ImportDeclaration: (n) => check(n.source, literal(n.source)),
      ExportNamedDeclaration: (n) => n.source && check(n.source, literal(n.source)),
      ExportAllDeclaration: (n) => check(n.source, literal(n.source)),
      ImportExpression: (n) => check(n.source, literal(n.source)),
      CallExpression(n) {
        if (n.callee.type === 'Identifier' && n.callee.name === 'require' && n.arguments.length === 1) check(n.arguments[0], literal(n.arguments[0]));
      },
      TSImportEqualsDeclaration(n) {
        if (n.moduleReference.type === 'TSExternalModuleReference') check(n.moduleReference, literal(n.moduleReference.expression));
      },
      TSImportType(n) {
        const arg = n.argument?.type === 'TSLiteralType' ? n.argument.literal : n.argument;
        check(n, literal(arg));
      },
    };
  },
};

export default { rules: { 'module-boundaries': moduleBoundaries } };
