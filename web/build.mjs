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

/**
 * The Twemoji drawings (CC BY 4.0) of the emoji that src/learning/feedback/form_questions.py
 * uses as easy-read pictures, by code point; the service puts them into the page itself.
 */
const PICTURES = ["1f4ac", "1f91d", "1f442", "2b50", "2764", "1f44d", "1f4a1", "270f", "1f3e0", "1f642"];

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

    // The easy-read pictures, drawn the same on every phone rather than left to its emoji font.
    for (const name of PICTURES) {
      copy(join(packageDir("@twemoji/svg"), `${name}.svg`), join(tmpDir, "pictures", `${name}.svg`));
    }

    // Swap the new build in whole, so nothing stale is left behind.
    rmSync(outDir, { recursive: true, force: true });
    renameSync(tmpDir, outDir);

    const css = statSync(join(outDir, "app.css")).size;
    console.log(
      `built ${relative(process.cwd(), outDir) || "."}: app.css ${css} bytes; ` +
        `htmx.org ${packageVersion("htmx.org")}, govuk-frontend ${packageVersion("govuk-frontend")}, ` +
        `axe-core ${packageVersion("axe-core")}, @twemoji/svg ${packageVersion("@twemoji/svg")}; ` +
        `${assets.length} GOV.UK asset file(s) and ${PICTURES.length} pictures copied`,
    );
  } finally {
    if (existsSync(tmpDir)) rmSync(tmpDir, { recursive: true, force: true });
  }
}

build();
