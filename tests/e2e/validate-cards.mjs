// Validates Adaptive Cards the way a 1.5 host does, with the official renderer (adaptivecards 3.0.6).
//
//   node validate-cards.mjs            stdin: one card or a JSON array of cards
//                                      stdout: [{"index":0,"errors":[...],"hints":[...]}, ...]
//   node validate-cards.mjs --lines    stdin: one card per line; stdout: one {"index","errors","hints"} line per card,
//                                      so one long-lived process can validate a whole test run's cards.
//
// Errors come from two sources, each tagged at the start of the message:
//   [parse] / [validation]  events the renderer itself raises while parsing with targetVersion 1.5 and in
//                           validateProperties(): unknown element or action types, 1.6-only properties and values,
//                           invalid enum values, inputs without an id, a card version above 1.5, ...
//   [strict]                checks the renderer skips but the 1.5 schema asks for, made against the renderer's own
//                           property tables: properties it does not know, values of the wrong JSON type (it silently
//                           drops those), and required properties that are missing.
//   [input]                 the text is not JSON, or not a JSON object.
//   [teams]                 Teams' chart elements (Chart.HorizontalBar, Chart.VerticalBar), which a 1.5 host does not
//                           know: each is checked against the properties Teams documents for it and must carry an
//                           element as its fallback, which the renderer then parses and validates like any other
//                           element. The renderer's "unknown element type" event for such a chart becomes a hint.
// Exit code 0 whenever the cards could be read and checked; 1 when the renderer itself cannot be loaded.

import { createRequire } from "node:module";
import readline from "node:readline";

const require = createRequire(import.meta.url);
// The package's lib/ entry point is ES modules with extension-less imports, which Node cannot load; dist/ is the bundle.
const AC = require("adaptivecards/dist/adaptivecards.js");

const TargetVersion = AC.Versions.v1_5;
const TargetVersionText = TargetVersion.toString();

// Required properties of the Adaptive Cards 1.5 schema that the renderer does not check itself.
const RequiredProperties = {
    "TextBlock": ["text"],
    "TextRun": ["text"],
    "RichTextBlock": ["inlines"],
    "Image": ["url"],
    "ImageSet": ["images"],
    "Media": ["sources"],
    "MediaSource": ["url"],
    "FactSet": ["facts"],
    "Fact": ["title", "value"],
    "Container": ["items"],
    "TableCell": ["items"],
    "Input.Toggle": ["title"],
};

// StringProperty.parse matches with a /g regular expression whose lastIndex survives between calls, so every second
// valid "lang" is reported invalid (microsoft/AdaptiveCards#9145): start each match at the beginning.
const rendererStringParse = AC.StringProperty.prototype.parse;
AC.StringProperty.prototype.parse = function (sender, source, context) {
    if (this.regEx) {
        this.regEx.lastIndex = 0;
    }
    return rendererStringParse.call(this, sender, source, context);
};

// Teams' chart elements: properties each may have, and those of one data point. Anything else is an error.
const ChartElementProperties = [
    "type", "id", "title", "colorSet", "color", "data", "xAxisTitle", "yAxisTitle", "displayMode", "fallback", "height",
    "horizontalAlignment", "isVisible", "lang", "requires", "separator", "spacing", "targetWidth", "grid.area", "showBarValues",
];
const TeamsCharts = {
    "Chart.HorizontalBar": { displayModes: ["AbsoluteWithAxis", "AbsoluteNoAxis", "PartToWhole"] },
    "Chart.VerticalBar": { displayModes: [] },
};
const ChartDataPointProperties = { x: ["string", "number"], y: ["number"], color: ["string"], legend: ["string"] };

// Checks every Teams chart in the card; returns the chart types that were found well-formed, with a fallback.
function checkTeamsCharts(node, errors, charts = new Set()) {
    if (Array.isArray(node)) {
        node.forEach(item => checkTeamsCharts(item, errors, charts));
        return charts;
    }
    if (node === null || typeof node !== "object") {
        return charts;
    }
    if (typeof node.type === "string" && node.type.startsWith("Chart.")) {
        const before = errors.length;
        const chart = TeamsCharts[node.type];
        if (chart === undefined) {
            errors.push(`[teams] UnknownChartType: "${node.type}" is not a chart type this check knows.`);
            return charts;
        }
        for (const key of Object.keys(node)) {
            if (!ChartElementProperties.includes(key)) {
                errors.push(`[teams] UnknownProperty: ${node.type} has no property "${key}".`);
            }
        }
        if (!Array.isArray(node.data) || node.data.length === 0) {
            errors.push(`[teams] MissingProperty: ${node.type} needs "data", a non-empty array of data points.`);
        } else {
            node.data.forEach((point, index) => {
                if (point === null || typeof point !== "object" || Array.isArray(point)) {
                    errors.push(`[teams] InvalidPropertyType: ${node.type} data point ${index} must be an object.`);
                    return;
                }
                for (const [key, value] of Object.entries(point)) {
                    const types = ChartDataPointProperties[key];
                    if (types === undefined) {
                        errors.push(`[teams] UnknownProperty: ${node.type} data point ${index} has no property "${key}".`);
                    } else if (!types.includes(jsonTypeOf(value))) {
                        errors.push(`[teams] InvalidPropertyType: ${node.type} data point ${index} "${key}" must be ${types.join(" or ")}, not ${jsonTypeOf(value)}.`);
                    }
                }
                if (point.y === undefined) {
                    errors.push(`[teams] MissingProperty: ${node.type} data point ${index} has no "y".`);
                }
            });
        }
        for (const key of ["title", "xAxisTitle", "yAxisTitle", "colorSet", "color"]) {
            if (node[key] !== undefined && typeof node[key] !== "string") {
                errors.push(`[teams] InvalidPropertyType: ${node.type} property "${key}" must be string, not ${jsonTypeOf(node[key])}.`);
            }
        }
        if (node.displayMode !== undefined && !chart.displayModes.includes(node.displayMode)) {
            errors.push(`[teams] InvalidPropertyValue: ${node.type} displayMode ${abbreviate(node.displayMode)} is not one of ${chart.displayModes.join(", ") || "(none)"}.`);
        }
        if (node.fallback === null || typeof node.fallback !== "object" || Array.isArray(node.fallback)) {
            errors.push(`[teams] MissingFallback: ${node.type} needs an element as "fallback", so hosts without charts show the figures.`);
        }
        if (errors.length === before) {
            charts.add(node.type);
        }
        checkTeamsCharts(node.fallback, errors, charts);
        return charts;
    }
    Object.values(node).forEach(value => checkTeamsCharts(value, errors, charts));
    return charts;
}

let strictErrors; // collects [strict] findings while a card is being parsed; undefined otherwise

// Every object of a card, however deeply nested, passes through SerializableObject.internalParse with its own JSON,
// so observing it there sees each object next to the exact source the renderer read it from.
const rendererInternalParse = AC.SerializableObject.prototype.internalParse;
AC.SerializableObject.prototype.internalParse = function (source, context) {
    rendererInternalParse.call(this, source, context);
    if (strictErrors && source !== null && typeof source === "object" && !Array.isArray(source) &&
        !(this instanceof AC.HostCapabilities)) { // "requires" is a free map of capability names to versions
        checkAgainstSchema(this, source, strictErrors);
    }
};

function checkAgainstSchema(object, source, errors) {
    const name = describeObject(object);
    const schema = object.getSchema();
    const properties = new Map();
    for (let i = 0; i < schema.getCount(); i++) {
        const property = schema.getItemAt(i);
        if (property.isSerializationEnabled) {
            properties.set(property.name, property);
        }
    }

    const parsedInCode = keysParsedInCode(object);
    for (const [key, value] of Object.entries(source)) {
        const property = properties.get(key);
        const inCode = parsedInCode.get(key);
        if (property === undefined && inCode === undefined) {
            errors.push(`[strict] UnknownProperty: ${name} has no property "${key}" in Adaptive Cards ${TargetVersionText}.`);
        } else if (property !== undefined && property.targetVersion.compareTo(TargetVersion) > 0) {
            // the renderer reports properties newer than the target version itself
        } else {
            checkJsonType(name, key, value, inCode ?? expectedJsonType(property), errors);
        }
    }

    const typeName = object instanceof AC.CardObject ? object.getJsonTypeName() : object.getSchemaKey();
    for (const key of RequiredProperties[typeName] ?? []) {
        if (source[key] === undefined || source[key] === null) {
            errors.push(`[strict] MissingProperty: ${name} has no "${key}", which Adaptive Cards ${TargetVersionText} requires.`);
        }
    }
}

// Keys the renderer reads in code rather than through its property table, with the JSON they must hold.
const ArrayOfObjects = { types: ["array"], itemTypes: ["object"] };

function keysParsedInCode(object) {
    const keys = new Map([["type", { types: ["string"] }]]);
    if (object instanceof AC.CardObject) {
        keys.set("fallback", { types: ["object", "string"] }); // an element, an action or "drop"
    }
    const items = object.getItemsCollectionPropertyName?.() ?? object.getCollectionPropertyName?.();
    if (items) {
        keys.set(items, ArrayOfObjects);
    }
    if (object instanceof AC.ActionSet || object instanceof AC.ContainerWithActions) {
        keys.set("actions", ArrayOfObjects);
    }
    if (object instanceof AC.ColumnSet) {
        keys.set("columns", ArrayOfObjects);
    }
    if (object instanceof AC.RichTextBlock) {
        keys.set("inlines", { types: ["array"], itemTypes: ["object", "string"] });
    }
    if (object instanceof AC.ShowCardAction) {
        keys.set("card", { types: ["object"] });
    }
    if (object instanceof AC.AdaptiveCard) {
        keys.set("msteams", { types: ["object"] }); // Teams' own extension of the card root (width, mention entities)
    }
    return keys;
}

function checkJsonType(name, key, value, expected, errors) {
    if (expected.types !== undefined && !expected.types.includes(jsonTypeOf(value))) {
        errors.push(`[strict] InvalidPropertyType: ${name} property "${key}" must be ${expected.types.join(" or ")}, not ${jsonTypeOf(value)} ${abbreviate(value)}.`);
    } else if (expected.itemTypes !== undefined) {
        value.forEach((item, index) => {
            if (!expected.itemTypes.includes(jsonTypeOf(item))) {
                errors.push(`[strict] InvalidPropertyType: ${name} property "${key}" must hold ${expected.itemTypes.join(" or ")} items, not ${jsonTypeOf(item)} ${abbreviate(item)} at index ${index}.`);
            }
        });
    }
}

function expectedJsonType(property) {
    if (property instanceof AC.TimeProperty || property instanceof AC.PixelSizeProperty) {
        return { types: ["string"] };
    }
    if (property instanceof AC.CustomProperty) {
        return {}; // parsed by its own function, which reports what it rejects
    }
    if (property instanceof AC.StringProperty || property instanceof AC.EnumProperty || property instanceof AC.ValueSetProperty) {
        return { types: ["string"] };
    }
    if (property instanceof AC.NumProperty) {
        return { types: ["number"] };
    }
    if (property instanceof AC.BoolProperty) {
        return { types: ["boolean"] };
    }
    if (property instanceof AC.StringArrayProperty) {
        return { types: ["array"] }; // the renderer reports items that are not strings
    }
    if (property instanceof AC.SerializableObjectCollectionProperty) {
        return ArrayOfObjects;
    }
    if (property instanceof AC.ActionProperty) {
        return { types: ["object"] };
    }
    if (property instanceof AC.SerializableObjectProperty) {
        return { types: property.name === "backgroundImage" ? ["object", "string"] : ["object"] }; // a bare URL is allowed
    }
    return {};
}

function jsonTypeOf(value) {
    if (value === null) {
        return "null";
    }
    return Array.isArray(value) ? "array" : typeof value;
}

function abbreviate(value) {
    const text = JSON.stringify(value);
    return text.length > 40 ? text.slice(0, 37) + "..." : text;
}

function describeObject(object) {
    const typeName = object instanceof AC.CardObject ? object.getJsonTypeName() : object.getSchemaKey();
    if (object.id) {
        return `${typeName} id "${object.id}"`;
    }
    return typeof object.label === "string" && object.label ? `${typeName} labelled "${object.label}"` : typeName;
}

function validateCard(json) {
    const errors = [];
    const hints = [];
    if (json === null || typeof json !== "object" || Array.isArray(json)) {
        return { errors: [`[input] NotAnObject: a card must be a JSON object, not ${jsonTypeOf(json)}.`], hints };
    }

    // The renderer fills in a missing root type and version instead of reporting them.
    for (const [key, expected] of [["type", "AdaptiveCard"], ["version", TargetVersionText]]) {
        if (json[key] === undefined) {
            errors.push(`[strict] MissingProperty: AdaptiveCard has no "${key}" (e.g. "${expected}"), which Adaptive Cards ${TargetVersionText} requires.`);
        }
    }

    const charts = checkTeamsCharts(json, errors);
    const context = new AC.SerializationContext(TargetVersion);
    const card = new AC.AdaptiveCard();
    card.maxVersion = TargetVersion; // a host that renders 1.5: a card declaring a higher version fails validation
    strictErrors = [];
    try {
        card.parse(json, context);
        for (let i = 0; i < context.eventCount; i++) {
            const event = context.getEventAt(i);
            const chart = event.event === AC.ValidationEvent.UnknownElementType ? /"(Chart\.[^"]+)"/.exec(event.message)?.[1] : undefined;
            if (chart !== undefined && charts.has(chart)) {
                hints.push(`[teams] ${chart}: rendered by Teams; a 1.5 host renders its fallback.`);
            } else {
                errors.push(formatEvent(event));
            }
        }
        errors.push(...strictErrors);

        for (const event of card.validateProperties().validationEvents) {
            (event.event === AC.ValidationEvent.Hint ? hints : errors).push(formatEvent(event));
        }
    } catch (error) {
        errors.push(`[parse] Exception: the renderer threw ${error?.message ?? error}`);
    } finally {
        strictErrors = undefined;
    }
    return { errors, hints };
}

function formatEvent(event) {
    const phase = AC.ValidationPhase[event.phase].toLowerCase();
    const where = event.source ? ` (in ${describeObject(event.source)})` : "";
    return `[${phase}] ${AC.ValidationEvent[event.event]}: ${event.message}${where}`;
}

function validateText(text, index) {
    let json;
    try {
        json = JSON.parse(text);
    } catch (error) {
        return { index, errors: [`[input] InvalidJson: ${error.message}`], hints: [] };
    }
    return { index, ...validateCard(json) };
}

async function readAll(stream) {
    const chunks = [];
    for await (const chunk of stream) {
        chunks.push(chunk);
    }
    return Buffer.concat(chunks).toString("utf8");
}

process.stdout.on("error", () => process.exit(0)); // the reader went away: nothing left to answer

if (process.argv.includes("--lines")) {
    let index = 0;
    for await (const line of readline.createInterface({ input: process.stdin, crlfDelay: Infinity })) {
        if (line.trim() !== "") {
            process.stdout.write(JSON.stringify(validateText(line, index++)) + "\n");
        }
    }
} else {
    const text = await readAll(process.stdin);
    let cards;
    try {
        const json = JSON.parse(text);
        cards = Array.isArray(json) ? json : [json];
    } catch {
        cards = undefined;
    }
    const results = cards === undefined
        ? [validateText(text, 0)]
        : cards.map((card, index) => ({ index, ...validateCard(card) }));
    process.stdout.write(JSON.stringify(results) + "\n");
}
