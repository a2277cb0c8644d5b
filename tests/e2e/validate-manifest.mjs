// Validates a Teams app manifest against the official JSON schema bundled in @microsoft/app-manifest 1.1.2, offline.
//
//   node validate-manifest.mjs path/to/manifest.json
//       stdout: {"schema":"<bundled schema file>","errors":["<instance path> <message>. Details: {...}", ...]}
//       exit 0: valid; 1: schema errors; 2: the manifest could not be checked (unreadable, not JSON, or its $schema is
//       not a Teams schema this package bundles), with {"errors":[...]} explaining why.
//
// The package would download any $schema it does not bundle. This script never lets it: it picks the bundled schema
// file for the manifest's $schema itself, passes it to AppManifestUtils.validateAgainstSchema, and makes any fetch fail.
// fs-extra is installed beside the package in package.json: the package requires it without declaring it.

import { createRequire } from "node:module";
import { readFile } from "node:fs/promises";
import path from "node:path";

const require = createRequire(import.meta.url);
const { AppManifestUtils } = require("@microsoft/app-manifest");

globalThis.fetch = async (url) => {
    throw new Error(`validate-manifest.mjs works offline and will not fetch ${url}`);
};

// https://developer.microsoft.com/[locale/]json-schemas/teams/<version>/MicrosoftTeams.schema.json
const TeamsSchemaUrl =
    /^https:\/\/developer\.microsoft\.com\/(?:[a-z]{2}(?:-[a-z]{2})?\/)?json-schemas\/teams\/(v\d+\.\d+|vDevPreview)\/MicrosoftTeams\.schema\.json$/i;

const bundledSchemas = path.join(
    path.dirname(require.resolve("@microsoft/app-manifest/package.json")), "build", "json-schemas", "teams");

function finish(exitCode, result) {
    process.stdout.write(JSON.stringify(result) + "\n");
    process.exitCode = exitCode;
}

async function main(manifestPath) {
    if (!manifestPath) {
        return finish(2, { errors: ["usage: node validate-manifest.mjs <manifest.json>"] });
    }

    let manifest;
    try {
        manifest = JSON.parse(await readFile(manifestPath, "utf8"));
    } catch (error) {
        return finish(2, { errors: [`cannot read ${manifestPath} as JSON: ${error.message}`] });
    }

    const schemaUrl = typeof manifest?.$schema === "string" ? manifest.$schema : "";
    const match = TeamsSchemaUrl.exec(schemaUrl);
    if (!match) {
        return finish(2, { errors: [`$schema '${schemaUrl}' is not a Teams manifest schema URL`] });
    }

    const schemaFile = path.join(bundledSchemas, match[1], "MicrosoftTeams.schema.json");
    let schema;
    try {
        // Some bundled schemas carry \a and \v escapes, which JSON does not have; the package rewrites them the same way.
        const text = await readFile(schemaFile, "utf8");
        schema = JSON.parse(text.replace(/\\a/g, "\\u0007").replace(/\\v/g, "\\u000b"));
    } catch (error) {
        return finish(2, { errors: [`the Teams schema ${match[1]} is not bundled in @microsoft/app-manifest: ${error.message}`] });
    }

    const errors = await AppManifestUtils.validateAgainstSchema(manifest, schema);
    const schemaName = path.relative(bundledSchemas, schemaFile).split(path.sep).join("/");
    finish(errors.length === 0 ? 0 : 1, { schema: schemaName, errors });
}

main(process.argv[2]).catch((error) => finish(2, { errors: [`validation failed: ${error.stack ?? error}`] }));
