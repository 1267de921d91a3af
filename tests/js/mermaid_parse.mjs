// Parse a chrono Mermaid export with Mermaid's own parser and print, as JSON, what
// Mermaid understood: {type, tasks: [{section, period, events}]}, entity codes
// decoded as Mermaid decodes them when it draws.  Used by tests/formats.
import { JSDOM } from "jsdom";
import { readFileSync } from "node:fs";

const dom = new JSDOM("<!DOCTYPE html><body></body>");
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import("mermaid");
mermaid.initialize({ startOnLoad: false });

// Mermaid turns `#58;` into a placeholder while parsing and back into `:` when drawing.
const decode = (text) =>
  text
    .replace(/ﬂ°°(\d+)¶ß/g, (_, code) => String.fromCharCode(Number(code)))
    .replace(/#(\d+);/g, (_, code) => String.fromCharCode(Number(code)))
    .trim();
const source = readFileSync(process.argv[2], "utf8")
  .replace(/^```mermaid\n/, "")
  .replace(/```\n?$/, "");
const diagram = await mermaid.mermaidAPI.getDiagramFromText(source);
const tasks = diagram.db.getTasks().map((task) => ({
  section: decode(task.section),
  period: decode(task.task),
  events: task.events.map(decode),
}));
console.log(JSON.stringify({ type: diagram.type, tasks }));
