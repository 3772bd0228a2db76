import * as pulumi from "@pulumi/pulumi";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { LambdaFunction, type LambdaFunctionArgs, planLambdaFunction } from "../../../components/lambda";
import { childrenOf, jsonInput, only, type Plan, type PlanValue, resource, runPlan } from "../../support";
import { referenceArgs, validArgs } from "./fixture";

const NOW = new Date("2026-11-26T12:00:00Z");
beforeAll(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(NOW);
});
afterAll(() => {
    vi.useRealTimers();
});

/**
 * The inputs the component may add to a child beyond its planned ones: references to other
 * children (and the account's partition and id), all Outputs.
 */
const OUTPUT_KEYS = new Set([
    "role",
    "policy",
    "functionName",
    "functionVersion",
    "qualifier",
    "function",
    "sourceArn",
    "sourceAccount",
    "apiId",
    "integrationUri",
    "target",
    "rule",
    "arn",
    "endpoint",
    "securityGroupId",
    "resourceId",
    "scalableDimension",
    "serviceNamespace",
    "alarmActions",
    "deadLetterConfig",
    "destinationConfig",
    "targetGroupArn",
    "targetId",
    "authorizerId",
]);

interface Planned {
    name: string;
    args: Record<string, unknown>;
}

/** Every `{ name, args }` child plan in a planner's result. */
function plannedChildren(value: unknown, out: Planned[] = []): Planned[] {
    if (value === null || typeof value !== "object" || pulumi.Output.isInstance(value)) return out;
    if (Array.isArray(value)) {
        for (const v of value) plannedChildren(v, out);
        return out;
    }
    const o = value as Record<string, unknown>;
    if (typeof o.name === "string" && typeof o.args === "object" && o.args !== null) {
        out.push({ name: o.name, args: o.args as Record<string, unknown> });
        return out;
    }
    for (const v of Object.values(o)) plannedChildren(v, out);
    return out;
}

/** A planned value as the plan records it: undefined fields dropped; Outputs and archives are matched by presence. */
function expected(value: unknown): unknown {
    if (pulumi.Output.isInstance(value) || pulumi.asset.Archive.isInstance(value)) return expect.anything();
    if (Array.isArray(value)) return (value as unknown[]).map(expected);
    if (value !== null && typeof value === "object") {
        const entries = Object.entries(value).filter(([, v]) => v !== undefined);
        return expect.objectContaining(Object.fromEntries(entries.map(([k, v]) => [k, expected(v)])));
    }
    return value;
}

async function check(name: string, args: LambdaFunctionArgs): Promise<{ plan: Plan; planned: Planned[] }> {
    const planned = plannedChildren(planLambdaFunction(name, args, { stack: "dev", now: NOW }));
    const plan = await runPlan(() => {
        new LambdaFunction(name, args);
    });
    const component = only(plan, LambdaFunction.TYPE);
    const children = childrenOf(plan, component).filter((r) => r.custom);
    for (const p of planned) {
        const recorded = children.find((r) => r.name === p.name);
        expect(recorded, p.name).toBeDefined();
        const inputs = recorded?.inputs as Record<string, PlanValue>;
        const plannedKeys = Object.keys(p.args).filter((k) => p.args[k] !== undefined);
        for (const k of plannedKeys) expect(inputs[k], `${p.name}.${k}`).toEqual(expected(p.args[k]));
        const added = Object.keys(inputs).filter((k) => !plannedKeys.includes(k));
        expect(
            added.filter((k) => !OUTPUT_KEYS.has(k)),
            `${p.name}: inputs the plan does not hold`,
        ).toEqual([]);
    }
    return { plan, planned };
}

describe("the component adds only Outputs to the planner's result", () => {
    it("for the reference function (process-order): every child is planned, and registered as planned", async () => {
        const { plan, planned } = await check("process-order", referenceArgs);
        const component = only(plan, LambdaFunction.TYPE);
        const registered = childrenOf(plan, component)
            .filter((r) => r.custom)
            .map((r) => r.name);
        // The role policy is planned as statements (its Resources reference children).
        expect([...planned.map((p) => p.name), "process-order-policy"].sort()).toEqual([...registered].sort());
    });

    it("for the rich fixture: every child but the role policy is planned, and registered as planned", async () => {
        const { plan, planned } = await check("rich", validArgs);
        const component = only(plan, LambdaFunction.TYPE);
        const registered = childrenOf(plan, component)
            .filter((r) => r.custom)
            .map((r) => r.name);
        expect([...planned.map((p) => p.name), "rich-policy"].sort()).toEqual([...registered].sort());
    });

    it("the role policy holds the planned statements, with the children's ARNs where the plan names them", async () => {
        const lambdaPlan = planLambdaFunction("process-order", referenceArgs, { stack: "dev", now: NOW });
        const plan = await runPlan(() => {
            new LambdaFunction("process-order", referenceArgs);
        });
        const doc = jsonInput(only(plan, "aws:iam/rolePolicy:RolePolicy"), "policy") as {
            Statement: { Sid: string; Action: string[]; Resource: string }[];
        };
        expect(doc.Statement.map((s) => [s.Sid, s.Action])).toEqual(
            lambdaPlan.requiredStatements.map((s) => [s.Sid, s.Action]),
        );
        const logs = doc.Statement.find((s) => s.Sid === "Logs");
        expect(logs?.Resource).toBe(
            `${resource(plan, "aws:cloudwatch/logGroup:LogGroup", "process-order-logs").outputs?.arn}:*`,
        );
    });

    it("has a stable type token", () => {
        expect(LambdaFunction.TYPE).toBe("compute-layer:index:LambdaFunction");
    });
});
