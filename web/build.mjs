// Builds web/static/build/ from our Sass and the npm packages.
// Run with `npm --prefix web run build` (after `npm --prefix web ci`).
// Needs only Node's own modules and the `sass` package; safe to run repeatedly.

import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const webDir = dirname(fileURLToPath(import.meta.url));
const nodeModules = join(webDir, "node_modules");
const outDir = join(webDir, "static", "build");
const tmpDir = join(webDir, "static", `.build-${process.pid}`);

function packageDir(name) {
  return join(nodeModules, name);
}

function packageVersion(name) {
  return JSON.parse(readFileSync(join(packageDir(name), "package.json"), "utf8")).version;
}

function copy(from, to) {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

/** GOV.UK's identity is not ours: no GDS Transport fonts, no crown, crest or GOV.UK icons. */
function isGovukIdentity(path) {
  const parts = path.split(/[\\/]/);
  const name = parts.at(-1).toLowerCase();
  return (
    parts.includes("fonts") ||
    parts.includes("rebrand") ||
    name.includes("crown") ||
    name.includes("crest") ||
    name.startsWith("govuk-") ||
    name.startsWith("favicon") ||
    name === "manifest.json"
  );
}

function copyTree(from, to, skip) {
  const copied = [];
  for (const entry of readdirSync(from, { recursive: true })) {
    const source = join(from, entry);
    if (skip(entry) || !statSync(source).isFile()) continue;
    copy(source, join(to, entry));
    copied.push(entry);
  }
  return copied;
}

function buildCss() {
  const result = sass.compile(join(webDir, "scss", "app.scss"), {
    loadPaths: [nodeModules],
    style: "compressed",
    sourceMap: false,
    quietDeps: true,
    // GOV.UK Frontend 5 still uses @import and global functions; that is its
    // business, not ours (quietDeps hides it for files loaded from node_modules).
    silenceDeprecations: ["import", "global-builtin"],
  });
  if (result.css.includes("GDS Transport")) {
    throw new Error("app.css mentions GDS Transport: check $govuk-font-family in scss/app.scss");
  }
  writeFileSync(join(tmpDir, "app.css"), result.css + "\n");
}

function build() {
  rmSync(tmpDir, { recursive: true, force: true });
  mkdirSync(tmpDir, { recursive: true });
  try {
    buildCss();

    const htmx = packageDir("htmx.org");
    if (!packageVersion("htmx.org").startsWith("2.")) {
      throw new Error(`htmx.org ${packageVersion("htmx.org")} installed; we need 2.x`);
    }
    copy(join(htmx, "dist", "htmx.min.js"), join(tmpDir, "htmx.min.js"));

    const govuk = join(packageDir("govuk-frontend"), "dist", "govuk");
    copy(join(govuk, "govuk-frontend.min.js"), join(tmpDir, "govuk-frontend.min.js"));
    copy(join(govuk, "govuk-frontend.min.js.map"), join(tmpDir, "govuk-frontend.min.js.map"));
    const assetsOut = join(tmpDir, "govuk", "assets");
    mkdirSync(assetsOut, { recursive: true });
    const assets = copyTree(join(govuk, "assets"), assetsOut, isGovukIdentity);

    copy(join(packageDir("axe-core"), "axe.min.js"), join(tmpDir, "axe.min.js"));

    // Swap the new build in whole, so nothing stale is left behind.
    rmSync(outDir, { recursive: true, force: true });
    renameSync(tmpDir, outDir);

    const css = statSync(join(outDir, "app.css")).size;
    console.log(
      `built ${relative(process.cwd(), outDir) || "."}: app.css ${css} bytes; ` +
        `htmx.org ${packageVersion("htmx.org")}, govuk-frontend ${packageVersion("govuk-frontend")}, ` +
        `axe-core ${packageVersion("axe-core")}; ${assets.length} GOV.UK asset file(s) copied`,
    );
  } finally {
    if (existsSync(tmpDir)) rmSync(tmpDir, { recursive: true, force: true });
  }
}

build();
