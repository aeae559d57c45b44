// @ts-check
import { dirname, relative, resolve, sep } from 'node:path';

/**
 * The layer rule of docs/architecture.md, for every way a module can be reached, not only
 * static `import` (which is all that no-restricted-imports sees):
 *
 *   import … from 'm'; export … from 'm'; import x = require('m');    static
 *   import('m'); typeof import('m')                                    dynamic, type-level
 *   require('m'); module.require('m')                                  CommonJS
 *   createRequire(url)('m'); const r = createRequire(url); r('m')      ESM's way to require
 *
 * A specifier the rule cannot read (a variable, a template with expressions) is refused too:
 * otherwise `import(name)` would be a way around it. Options (from eslint.config.js):
 * { layer, forbiddenLayers: string[], modules: { name, message }[], layerMessage }.
 */

const SRC = resolve(import.meta.dirname, '..', 'src');

/** @param {any} node @returns {string | null} */
function literalText(node) {
  if (!node) return null;
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value;
  if (node.type === 'TemplateLiteral' && node.expressions.length === 0)
    return node.quasis[0].value.cooked;
  return null;
}

/** @param {any} callee */
function isCreateRequire(callee) {
  return (
    (callee.type === 'Identifier' && callee.name === 'createRequire') ||
    (callee.type === 'MemberExpression' &&
      !callee.computed &&
      callee.property.name === 'createRequire')
  );
}

/** @type {import('eslint').Rule.RuleModule} */
export const layerImports = {
  meta: {
    type: 'problem',
    docs: { description: 'Layer rules of docs/architecture.md for every kind of import' },
    schema: [
      {
        type: 'object',
        properties: {
          layer: { type: 'string' },
          forbiddenLayers: { type: 'array', items: { type: 'string' } },
          layerMessage: { type: 'string' },
          modules: {
            type: 'array',
            items: {
              type: 'object',
              properties: { name: { type: 'string' }, message: { type: 'string' } },
              required: ['name', 'message'],
              additionalProperties: false,
            },
          },
        },
        required: ['layer', 'forbiddenLayers', 'layerMessage', 'modules'],
        additionalProperties: false,
      },
    ],
    messages: {
      forbidden: '{{how}} of "{{name}}": {{message}}',
      unreadable:
        '{{how}} with a computed specifier: src/{{layer}} must name its modules literally, so that the layer rules can check them.',
    },
  },
  create(context) {
    const { layer, forbiddenLayers, layerMessage, modules } = context.options[0];
    const byName = new Map(modules.map((m) => [m.name, m.message]));
    const file = context.filename;
    /** Names bound to a createRequire(...) result in this file. */
    const requireFunctions = new Set(['require']);
    /** Calls of a plain name, checked at the end: `r` may be bound after a function using it. */
    /** @type {any[]} */
    const namedCalls = [];

    /** @param {string} name */
    function problem(name) {
      const exact = byName.get(name);
      if (exact) return exact;
      // A sub-path of a forbidden package ("electron/main", "better-sqlite3/lib/…").
      for (const [module, message] of byName)
        if (!module.startsWith('node:') && name.startsWith(`${module}/`)) return message;
      if (name.startsWith('.')) {
        const target = relative(SRC, resolve(dirname(file), name));
        const targetLayer = target.split(sep)[0];
        if (!target.startsWith('..') && forbiddenLayers.includes(targetLayer)) return layerMessage;
        return null;
      }
      // Bare specifiers that name a layer folder (path aliases, "src/core/…").
      if (new RegExp(`(^|/)(${forbiddenLayers.join('|')})(/|$)`).test(name)) return layerMessage;
      return null;
    }

    /** @param {any} node @param {any} source @param {string} how */
    function check(node, source, how) {
      const name = literalText(source);
      if (name === null) {
        context.report({ node, messageId: 'unreadable', data: { how, layer } });
        return;
      }
      const message = problem(name);
      if (message) context.report({ node, messageId: 'forbidden', data: { how, name, message } });
    }

    return {
      ImportDeclaration: (node) => check(node, node.source, 'import'),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source, 'export … from'),
      ExportAllDeclaration: (node) => check(node, node.source, 'export * from'),
      ImportExpression: (node) => check(node, node.source, 'dynamic import()'),
      /** @param {any} node */
      TSImportType(node) {
        // typescript-eslint 8.4x: `source`, the string literal; before: `argument`, a
        // TSLiteralType around it.
        const source = node.source ?? node.argument?.literal ?? node.argument;
        check(node, source, 'import() type');
      },
      /** @param {any} node */
      TSExternalModuleReference: (node) => check(node, node.expression, 'import = require()'),
      /** @param {any} node */
      VariableDeclarator(node) {
        if (
          node.id.type === 'Identifier' &&
          node.init?.type === 'CallExpression' &&
          isCreateRequire(node.init.callee)
        )
          requireFunctions.add(node.id.name);
      },
      CallExpression(node) {
        const { callee } = node;
        if (callee.type === 'Identifier') {
          namedCalls.push(node);
          return;
        }
        const isRequire =
          (callee.type === 'CallExpression' && isCreateRequire(callee.callee)) ||
          (callee.type === 'MemberExpression' &&
            !callee.computed &&
            callee.property.type === 'Identifier' &&
            callee.property.name === 'require' &&
            callee.object.type === 'Identifier' &&
            callee.object.name === 'module');
        if (isRequire) check(node, node.arguments[0], 'require()');
      },
      'Program:exit'() {
        for (const node of namedCalls)
          if (requireFunctions.has(node.callee.name)) check(node, node.arguments[0], 'require()');
      },
    };
  },
};

export default { rules: { 'layer-imports': layerImports } };
