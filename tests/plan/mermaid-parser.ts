import { JSDOM } from "jsdom";

/**
 * The real mermaid parser (mermaid 11), for tests. Mermaid sanitises labels with DOMPurify,
 * which needs a DOM: a jsdom window is installed as the global `window` before mermaid loads.
 * Load it after the plans a test needs are made.
 */

/** A parsed flowchart, with nodes named by their label text. */
export interface Flowchart {
    /** Node id → label text, line breaks as " / ". */
    labels: Map<string, string>;
    /** Edges as [from label, to label, edge text]. */
    edges: [string, string, string][];
    /** Subgraph title → the labels of its nodes and the titles of its subgraphs. */
    boxes: Map<string, string[]>;
}

type Mermaid = typeof import("mermaid", { with: { "resolution-mode": "import" }})["default"];
let loaded: Promise<Mermaid> | undefined;

function load(): Promise<Mermaid> {
    if (!loaded) {
        const dom = new JSDOM("<!doctype html><html><body></body></html>");
        Object.assign(globalThis, { window: dom.window, document: dom.window.document });
        loaded = import("mermaid").then((m) => m.default);
    }
    return loaded;
}

interface FlowDb {
    getVertices(): Map<string, { id: string; text?: string }>;
    getEdges(): { start: string; end: string; text: string }[];
    getSubGraphs(): { id: string; title: string; nodes: string[] }[];
}

/** Parses mermaid text with mermaid's own parser; throws mermaid's parse error. Returns the flowchart's structure. */
export async function parseFlowchart(text: string): Promise<Flowchart> {
    const mermaid = await load();
    const result = await mermaid.parse(text);
    if (!result || !String(result.diagramType).startsWith("flowchart"))
        throw new Error(`not a flowchart: ${JSON.stringify(result)}`);
    const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
    const db = diagram.db as unknown as FlowDb;
    const labels = new Map<string, string>();
    // Mermaid sanitises `<br/>` to `<br>`; labels here show a line break as " / ".
    // Entity codes (`#34;`) are kept encoded by the parser (as `ﬂ°°34¶ß`) and decoded when drawn: decode them here.
    const text_ = (t: string) =>
        t.replace(/<br\s*\/?>/g, " / ").replace(/ﬂ°°(\d+)¶ß/g, (_m, n: string) => String.fromCharCode(Number(n)));
    for (const [id, v] of db.getVertices()) labels.set(id, text_(v.text ?? id));
    const subgraphs = db.getSubGraphs();
    const titles = new Map(subgraphs.map((s) => [s.id, s.title]));
    const name = (id: string) => labels.get(id) ?? titles.get(id) ?? id;
    return {
        labels,
        edges: db.getEdges().map((e) => [name(e.start), name(e.end), e.text ?? ""]),
        boxes: new Map(subgraphs.map((s) => [s.title, s.nodes.map(name).sort()])),
    };
}
