#!/usr/bin/env node
// What the packaged app needs from node_modules at run time, and whether electron-builder's
// `files` patterns (electron-builder.config.cjs) let it in.
//
// The main bundle (out/main, built by electron-vite) keeps its npm dependencies external: they
// are loaded from the package's node_modules when the app runs. A pattern that excludes one of
// them (pdfjs-dist once was, as "renderer only") breaks the installed app and nothing else: the
// tests run from the source tree. This script reads the built bundle's imports with the
// TypeScript parser, follows each package's dependencies, and lists every file of those
// packages that the patterns leave out.
//
//   node scripts/packaged-modules.mjs [out/main]    # exits 1 when a needed file is left out
//
// tests/main/packaged-modules.test.ts runs it on a fresh build.
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { minimatch } from 'minimatch';
import ts from 'typescript';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const BUILTIN = new Set(builtinModules);
/** Provided by Electron itself, never from node_modules. */
const FROM_ELECTRON = new Set(['electron']);

/** A specifier's package name (`@scope/name` or `name`), or null for builtins and relative paths. */
export function packageOf(specifier) {
  if (specifier.startsWith('.') || specifier.startsWith('/')) return null;
  if (specifier.startsWith('node:') || BUILTIN.has(specifier.split('/')[0])) return null;
  const parts = specifier.split('/');
  const name = specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
  return FROM_ELECTRON.has(name) ? null : name;
}

function isStringLike(node) {
  return node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node));
}

/** `require`, `__require`, or `createRequire(...)` as a callee. */
function isRequireCallee(callee) {
  if (ts.isIdentifier(callee)) return /^_*require$/.test(callee.text);
  // require.resolve('x'), createRequire(...).resolve('x'): a path resolved to be loaded later
  // (the PDF text worker imports pdf.js by it) is as much a run-time dependency as an import.
  if (ts.isPropertyAccessExpression(callee) && callee.name.text === 'resolve')
    return isRequireCallee(callee.expression);
  if (ts.isCallExpression(callee)) {
    const inner = callee.expression;
    const name = ts.isIdentifier(inner)
      ? inner.text
      : ts.isPropertyAccessExpression(inner)
        ? inner.name.text
        : '';
    return name === 'createRequire';
  }
  return false;
}

/**
 * The module specifiers one JavaScript file loads: static imports and re-exports, `import()`,
 * and `require()` (including `createRequire(...)(...)`). A dynamic import or require whose
 * argument is not a plain string cannot be checked and is reported in `unresolved`.
 */
export function importsOf(code, fileName = 'bundle.js') {
  const source = ts.createSourceFile(
    fileName,
    code,
    ts.ScriptTarget.Latest,
    false,
    ts.ScriptKind.JS,
  );
  const specifiers = new Set();
  const resolved = new Set();
  const unresolved = [];
  const visit = (node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      if (isStringLike(node.moduleSpecifier)) specifiers.add(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node)) {
      const dynamicImport = node.expression.kind === ts.SyntaxKind.ImportKeyword;
      if (dynamicImport || isRequireCallee(node.expression)) {
        const [arg] = node.arguments;
        if (isStringLike(arg)) {
          specifiers.add(arg.text);
          if (!dynamicImport && isResolveCall(node.expression)) resolved.add(arg.text);
        } else {
          const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
          unresolved.push(`${fileName}:${line + 1}: ${node.getText(source).slice(0, 80)}`);
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return { specifiers: [...specifiers], resolved: [...resolved], unresolved };
}

/** `require.resolve(...)` or `createRequire(...).resolve(...)`. */
function isResolveCall(callee) {
  return ts.isPropertyAccessExpression(callee) && callee.name.text === 'resolve';
}

function walkFiles(dir, { skipNodeModules }) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (skipNodeModules && entry.name === 'node_modules') continue;
      out.push(...walkFiles(path, { skipNodeModules }));
    } else out.push(path);
  }
  return out;
}

/** Every import of every script in the built bundle folder. */
export function bundleImports(bundleDir) {
  const specifiers = new Set();
  const resolved = new Set();
  const unresolved = [];
  for (const file of walkFiles(bundleDir, { skipNodeModules: true })) {
    if (!/\.(c|m)?js$/.test(file)) continue;
    const found = importsOf(readFileSync(file, 'utf8'), relative(bundleDir, file));
    for (const s of found.specifiers) specifiers.add(s);
    for (const s of found.resolved) resolved.add(s);
    unresolved.push(...found.unresolved);
  }
  return { specifiers: [...specifiers].sort(), resolved: [...resolved].sort(), unresolved };
}

/**
 * Files the bundle resolves to a path and hands to a worker thread (the PDF text worker imports
 * pdf.js by its URL), with every module file beside them that they name by a "./x.mjs" string
 * (pdf.js loads "./pdf.worker.mjs" itself): such files are read by Node's ES module loader,
 * which cannot read inside app.asar, so they must be unpacked (electron-builder's `asarUnpack`)
 * and found there at run time (outsideAsar in src/core/attachments/text/pdf-worker.ts).
 */
export function workerFiles(root, resolvedSpecifiers) {
  const require = createRequire(join(root, 'package.json'));
  const files = new Set();
  const queue = resolvedSpecifiers.map((specifier) => require.resolve(specifier));
  while (queue.length > 0) {
    const file = queue.shift();
    if (files.has(file)) continue;
    files.add(file);
    const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest);
    const visit = (node) => {
      if (isStringLike(node) && /^\.\/[\w.-]+\.(c|m)?js$/.test(node.text)) {
        const sibling = join(dirname(file), node.text);
        if (existsSync(sibling)) queue.push(sibling);
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return [...files].map((file) => relative(root, file).split(sep).join('/')).sort();
}

/** Whether a packed path is unpacked beside app.asar by one of the `asarUnpack` patterns. */
export function isUnpacked(relPath, asarUnpack = []) {
  return asarUnpack.some((pattern) => minimatch(relPath, pattern, { dot: true }));
}

/** Node's lookup: the nearest node_modules/<name> from `fromDir` upwards. */
function findPackageDir(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dirname(dir) === dir) return null;
  }
}

/**
 * The packages the bundle loads and, recursively, their dependencies (what electron-builder
 * collects from the production dependency tree), as { name, dir, via }.
 */
export function runtimePackages(root, names) {
  const seen = new Map();
  const missing = [];
  const queue = names.map((name) => ({ name, from: root, via: 'out/main' }));
  while (queue.length > 0) {
    const { name, from, via } = queue.shift();
    const dir = findPackageDir(name, from);
    if (!dir) {
      missing.push(`${name} (needed by ${via})`);
      continue;
    }
    if (seen.has(dir)) continue;
    seen.set(dir, { name, dir, via });
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const optional = new Set(Object.keys(pkg.optionalDependencies ?? {}));
    const peersOptional = pkg.peerDependenciesMeta ?? {};
    for (const dep of [
      ...Object.keys(pkg.dependencies ?? {}),
      ...optional,
      ...Object.keys(pkg.peerDependencies ?? {}).filter((p) => !peersOptional[p]?.optional),
    ]) {
      // An optional dependency that is not installed is not needed on this platform.
      if (optional.has(dep) && !findPackageDir(dep, dir)) continue;
      queue.push({ name: dep, from: dir, via: name });
    }
  }
  return { packages: [...seen.values()], missing };
}

/**
 * Whether electron-builder's `files` patterns let a path (relative to the project, with /) into
 * the package. The last pattern that matches decides, as in electron-builder; node_modules of
 * the production dependencies are in unless a pattern takes them out, other paths only when a
 * pattern names them.
 */
export function isPacked(relPath, patterns) {
  let packed = relPath.startsWith('node_modules/');
  for (const pattern of patterns) {
    const negated = pattern.startsWith('!');
    if (minimatch(relPath, negated ? pattern.slice(1) : pattern, { dot: true })) packed = !negated;
  }
  return packed;
}

/**
 * The report: packages imported but not production dependencies, packages not installed,
 * imports that cannot be checked, and every file of a run-time package left out of the app,
 * except those the config trims on purpose (its RUNTIME_TRIMS, each with its reason there).
 */
export function checkPackagedModules({ root = ROOT, bundleDir, config }) {
  const trims = config.RUNTIME_TRIMS ?? [];
  const { specifiers, resolved, unresolved } = bundleImports(bundleDir);
  const direct = [...new Set(specifiers.map(packageOf).filter(Boolean))].sort();
  const rootPkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const notProduction = direct.filter((name) => !(name in (rootPkg.dependencies ?? {})));
  const { packages, missing } = runtimePackages(root, direct);
  const leftOut = [];
  for (const { dir } of packages) {
    for (const file of walkFiles(dir, { skipNodeModules: true })) {
      const rel = relative(root, file).split(sep).join('/');
      if (isPacked(rel, config.files)) continue;
      if (trims.some((trim) => minimatch(rel, trim, { dot: true }))) continue;
      leftOut.push(rel);
    }
  }
  const workers = workerFiles(root, resolved);
  const notUnpacked = workers.filter(
    (file) => !isPacked(file, config.files) || !isUnpacked(file, config.asarUnpack),
  );
  return {
    direct,
    packages: packages.map((p) => p.name).sort(),
    notProduction,
    missing,
    unresolved,
    leftOut,
    workerFiles: workers,
    notUnpacked,
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const bundleDir = resolve(process.argv[2] ?? join(ROOT, 'out', 'main'));
  if (!existsSync(bundleDir) || !statSync(bundleDir).isDirectory()) {
    console.error(
      `packaged-modules: ${bundleDir} does not exist: run \`npx electron-vite build\` first.`,
    );
    process.exit(1);
  }
  const config = createRequire(import.meta.url)('../electron-builder.config.cjs');
  const report = checkPackagedModules({ bundleDir, config });
  console.log(`packaged-modules: the main bundle loads ${report.direct.join(', ')}`);
  console.log(
    `packaged-modules: ${report.packages.length} packages at run time with their dependencies`,
  );
  const problems = [
    ...report.notProduction.map((n) => `${n} is imported but not in "dependencies"`),
    ...report.missing.map((n) => `${n} is not installed`),
    ...report.unresolved.map((u) => `cannot check a computed import: ${u}`),
    ...report.leftOut.slice(0, 20).map((f) => `left out of the package: ${f}`),
    ...report.notUnpacked.map((f) => `a worker loads ${f} by path: it must be in asarUnpack`),
  ];
  if (report.leftOut.length > 20)
    problems.push(`… and ${report.leftOut.length - 20} more files left out`);
  for (const problem of problems) console.error(`packaged-modules: ${problem}`);
  process.exit(problems.length > 0 ? 1 : 0);
}
