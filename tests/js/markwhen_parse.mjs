// Parse a Markwhen document with Markwhen's own parser and print, as JSON, what it
// understood: the header's title, the parse errors, and each event with its date
// range (ISO, as the parser gives it), first-line text, tags, id, location(s),
// properties, description blocks and the titles and tags of the sections around it.
// Used by tests/formats/test_markwhen_consumer.py (run with TZ=UTC).
import { parse } from "@markwhen/parser";
import { readFileSync } from "node:fs";

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
