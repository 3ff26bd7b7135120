// Jest on Node 20 cannot require() ES modules, and NestJS 12 ships only ES modules: compile
// those packages to CommonJS on the fly. Our own TypeScript goes through ts-jest.
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const ts = require('typescript');

const ownSource = readFileSync(__filename, 'utf8');

const compilerOptions = {
  module: ts.ModuleKind.CommonJS,
  target: ts.ScriptTarget.ES2022,
  allowJs: true,
  esModuleInterop: true,
  sourceMap: true,
  inlineSources: false,
};

// import.meta is a syntax error in CommonJS: give each form its CommonJS equivalent.
const importMetaForms = [
  [/import\.meta\.url/g, "require('node:url').pathToFileURL(__filename).href"],
  [/import\.meta\.dirname/g, '__dirname'],
  [/import\.meta\.filename/g, '__filename'],
  [/import\.meta\.resolve\(/g, 'require.resolve('],
  // ESM code builds its own require with createRequire; CommonJS already has one.
  [/^const require = .*createRequire\(.*$/gm, ''],
];

function withoutImportMeta(sourceText) {
  return importMetaForms.reduce(
    (text, [form, replacement]) => text.replace(form, replacement),
    sourceText,
  );
}

module.exports = {
  process(sourceText, sourcePath) {
    const { outputText, sourceMapText } = ts.transpileModule(withoutImportMeta(sourceText), {
      compilerOptions,
      fileName: sourcePath,
    });
    return { code: outputText, map: sourceMapText };
  },
  getCacheKey(sourceText, sourcePath) {
    return createHash('sha256')
      .update(ts.version)
      .update(ownSource)
      .update('\0')
      .update(sourcePath)
      .update('\0')
      .update(sourceText)
      .digest('hex');
  },
};
