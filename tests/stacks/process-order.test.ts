import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";

/**
 * The process-order handler (stacks/functions/process-order) run by Python with HTTP API
 * payload-2.0 events, against a stand-in for boto3's DynamoDB table that serializes items as
 * boto3's TypeSerializer does: a float anywhere in an item is a TypeError ("Float types are not
 * supported. Use Decimal types instead."), which the real table raises before any request. One
 * subprocess runs every event; no network.
 */

const root = path.resolve(__dirname, "../..");
const FAKE_BOTO3 = `
from decimal import Decimal
PUT = []

def _serializable(value):
    if isinstance(value, float):
        raise TypeError("Float types are not supported. Use Decimal types instead.")
    if isinstance(value, dict):
        for v in value.values():
            _serializable(v)
    if isinstance(value, list):
        for v in value:
            _serializable(v)

class _Table:
    def put_item(self, Item):
        _serializable(Item)
        PUT.append(Item)

class _Resource:
    def Table(self, name):
        return _Table()

def resource(name):
    return _Resource()
`;
const DRIVER = `
import contextlib, json, sys
import boto3, lambda_function
out = []
for event in json.load(sys.stdin):
    boto3.PUT.clear()
    # The handler's own prints (its error log) go to stderr: stdout carries the results.
    with contextlib.redirect_stdout(sys.stderr):
        answer = lambda_function.lambda_handler(event, None)
    out.append({"answer": answer, "put": boto3.PUT[:]})
print(json.dumps(out, default=lambda d: {"decimal": str(d)}))
`;

interface Result {
    answer: { statusCode: number; body: string };
    put: Record<string, unknown>[];
}

function handle(dir: string, events: object[]): Result[] {
    const stdout = execFileSync("python3", ["-c", DRIVER], {
        input: JSON.stringify(events),
        env: {
            ...process.env,
            PYTHONPATH: [dir, path.join(root, "stacks/functions/process-order")].join(path.delimiter),
            PYTHONDONTWRITEBYTECODE: "1",
            TABLE_NAME: "orders",
        },
        encoding: "utf8",
    });
    return JSON.parse(stdout) as Result[];
}

const post = (body: string, extra: object = {}) => ({
    version: "2.0",
    routeKey: "POST /orders",
    body,
    isBase64Encoded: false,
    ...extra,
});
const withClaims = (sub: string) => ({ requestContext: { authorizer: { jwt: { claims: { sub } } } } });

const EVENTS = {
    priced: post(JSON.stringify({ id: "o-1", data: { amount: 9.99, items: [1.5] } }), withClaims("u-1")),
    base64: post(Buffer.from(JSON.stringify({ id: "o-2" })).toString("base64"), { isBase64Encoded: true }),
    notJson: post("{not json"),
    notObject: post("[1, 2]"),
    noId: post(JSON.stringify({ data: {} })),
    empty: post(""),
};
const results = {} as Record<keyof typeof EVENTS, Result>;

beforeAll(() => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "process-order-"));
    try {
        fs.mkdirSync(path.join(dir, "boto3"));
        fs.writeFileSync(path.join(dir, "boto3", "__init__.py"), FAKE_BOTO3);
        const keys = Object.keys(EVENTS) as (keyof typeof EVENTS)[];
        const out = handle(
            dir,
            keys.map((k) => EVENTS[k]),
        );
        keys.forEach((k, i) => {
            results[k] = out[i];
        });
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
});

describe("process-order, the handler behind POST /orders", () => {
    it("stores an order with prices (numbers with decimals) and the caller's sub, and answers 200", () => {
        const r = results.priced;
        expect(r.answer.statusCode).toBe(200);
        expect(JSON.parse(r.answer.body)).toEqual({ message: "Success", id: "o-1" });
        expect(r.put).toHaveLength(1);
        expect(r.put[0]).toMatchObject({
            id: "o-1",
            user_id: "u-1",
            data: { amount: { decimal: "9.99" }, items: [{ decimal: "1.5" }] },
        });
    });

    it("reads a base64-encoded body, and stores a call without an authorizer (dev) as anonymous", () => {
        expect(results.base64.answer.statusCode).toBe(200);
        expect(results.base64.put[0]).toMatchObject({ id: "o-2", user_id: "anonymous" });
    });

    it("answers 400, storing nothing, for a body that is not JSON, not an object, or has no id", () => {
        for (const k of ["notJson", "notObject", "noId", "empty"] as const) {
            expect(results[k].answer.statusCode, k).toBe(400);
            expect(results[k].put, k).toEqual([]);
        }
    });
});
