// Parse a Markwhen document with Markwhen's own parser and print, as JSON, what it
// understood: the header's title, the parse errors, and each event with its date
// range (ISO, as the parser gives it), first-line text, tags, id, location(s),
// properties, description blocks and the titles and tags of the sections around it.
// Used by tests/formats/test_markwhen_consumer.py (run with TZ=UTC).
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

// The package's CommonJS build: its ES module build imports @markwhen/rrule (CommonJS)
// as a namespace and finds no RRule in Node.js, so every recurrence ("every week")
// is "Cannot parse recurrence" there.
const { parse } = createRequire(import.meta.url)("@markwhen/parser");

const timeline = parse(readFileSync(process.argv[2], "utf8"));
const events = [];
const walk = (group, sections) => {
  for (const child of group.children) {
    if (child.children) {
      walk(child, [...sections, child.title, ...child.tags]);
    } else {
      events.push({
        from: child.dateRangeIso.fromDateTimeIso,
        to: child.dateRangeIso.toDateTimeIso,
        text: child.firstLine.restTrimmed.trim(),
        tags: child.tags,
        id: child.id ?? null,
        recurrence: child.recurrence ?? null,
        properties: child.properties,
        supplemental: child.supplemental.map((b) => b.raw ?? null),
        sections,
      });
    }
  }
};
walk(timeline.events, []);
console.log(
  JSON.stringify({
    title: timeline.header.title ?? null,
    errors: timeline.parseMessages.filter((m) => m.type === "error").map((m) => m.message),
    events,
  }),
);
