import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { beforeAll, describe, expect, it } from "vitest";
import { AutoScalingGroup } from "../../components/ec2";
import { EcsService } from "../../components/ecs";
import { KubernetesService } from "../../components/kubernetes";
import { LambdaFunction } from "../../components/lambda";
import { diffPlans, renderDiffMarkdown, renderDiffText } from "../../src/plan/diff";
import { renderMermaid } from "../../src/plan/mermaid";
import { renderJson, renderTree } from "../../src/plan/render";
import { validArgs as asgArgs } from "../ec2/auto-scaling-group/fixture";
import { validArgs as ecsArgs } from "../ecs/service/fixture";
import { validArgs as k8sArgs } from "../kubernetes/service/fixture";
import { validArgs as lambdaArgs } from "../lambda/function/fixture";
import { isSecretMarker, type Plan, runPlan, secretDigest } from "../support";
import { throughJson } from "./diff-helpers";

/**
 * Secrets stay secret in every plan format: one canary value, given as a secret in every kind
 * of input (container env and secrets, Lambda env, tags, user data, Kubernetes env and
 * annotations, names and hostnames, raw resources, stack outputs), appears in no format, and
 * neither does what AWS would derive from it (a queue's URL and ARN from its name).
 */

const BASE = "Canary7qXbase";
const HEAD = "Canary7qXhead";

function program(canary: string) {
    return () => {
        const s = (v: string) => pulumi.secret(v);
        const nginx = ecsArgs.containers.nginx;
        new EcsService("api", {
            ...ecsArgs,
            containers: {
                ...ecsArgs.containers,
                nginx: {
                    ...nginx,
                    environment: { ...(nginx.environment ?? {}), CANARY_SETTING: s(canary) },
                    secrets: {
                        ...(nginx.secrets ?? {}),
                        DB_URL: s(`arn:aws:secretsmanager:us-east-1:123456789012:secret:${canary}-AbCdEf`),
                    },
                },
            },
        });
        new LambdaFunction("orders", {
            ...lambdaArgs,
            environment: { ...(lambdaArgs.environment ?? {}), CANARY_SETTING: s(canary) },
        });
        new AutoScalingGroup("web", {
            ...asgArgs,
            userData: s(`#!/bin/bash\necho ${canary}\n`),
            tags: { owner: s(canary) },
        });
        new KubernetesService("web-app", {
            ...k8sArgs,
            env: { ...(k8sArgs.env ?? {}), CANARY_SETTING: s(canary) },
            service: {
                ...k8sArgs.service,
                annotations: { ...(k8sArgs.service?.annotations ?? {}), "example.com/canary": s(canary) },
            },
        });
        // Raw resources: secret names (what AWS derives from them too) and a hostname.
        const queue = new aws.sqs.Queue("raw-queue", { name: s(`${canary}-queue`) });
        const mesh = new aws.appmesh.Mesh("raw-mesh", { name: s(canary) });
        new aws.lb.ListenerRule("raw-host", {
            listenerArn:
                "arn:aws:elasticloadbalancing:us-east-1:123456789012:listener/app/web/0123456789abcdef/fedcba9876543210",
            actions: [{ type: "fixed-response", fixedResponse: { contentType: "text/plain", statusCode: "404" } }],
            conditions: [{ hostHeader: { values: [s(`${canary}.example.com`)] } }],
        });
        return { canary: s(canary), queueUrl: queue.url, queueArn: queue.arn, meshArn: mesh.arn };
    };
}

let base: Plan;
let head: Plan;
beforeAll(async () => {
    base = await runPlan(program(BASE));
    head = await runPlan(program(HEAD));
}, 60_000);

describe("a secret canary", () => {
    it("reaches every input kind as a secret (the test places it where it means to)", () => {
        const markers = JSON.stringify(head).match(/"\$secret"/g) ?? [];
        expect(markers.length).toBeGreaterThanOrEqual(10);
        expect(isSecretMarker(head.outputs.canary)).toBe(true);
        // What the mocks derive from a secret name is secret too.
        expect(isSecretMarker(head.outputs.queueUrl)).toBe(true);
        expect(isSecretMarker(head.outputs.queueArn)).toBe(true);
        expect(isSecretMarker(head.outputs.meshArn)).toBe(true);
    });

    it("appears in no format: json, tree, mermaid, diff text and markdown", () => {
        const b = throughJson(base);
        const h = throughJson(head);
        const diff = diffPlans(b, h);
        const formats: Record<string, string> = {
            json: renderJson(head),
            tree: renderTree(head),
            mermaid: renderMermaid(head),
            "diff text": renderDiffText(diff),
            "diff markdown": renderDiffMarkdown(diff, { picture: renderMermaid(h) }),
        };
        for (const [format, text] of Object.entries(formats)) {
            expect(text.includes(BASE), `${format} shows the base canary`).toBe(false);
            expect(text.includes(HEAD), `${format} shows the head canary`).toBe(false);
            expect(text.includes("Canary7qX"), `${format} shows part of the canary`).toBe(false);
        }
        // The change is still visible, without its value.
        expect(formats["diff text"]).toContain("[secret] changed");
    });

    it("is digested with a key, so a guessed value cannot be confirmed, and plans made with other keys are not compared", async () => {
        expect((head.outputs.canary as { $secret: string }).$secret).toMatch(/^hmac-sha256:[0-9a-f]{16}$/);
        expect(secretDigest(HEAD, "key-a")).not.toEqual(secretDigest(HEAD, "key-b"));
        const other = await runPlan(program(HEAD), { secretKey: "another-key" });
        expect(other.secretKeyId).not.toBe(head.secretKeyId);
        expect(other.outputs.canary).not.toEqual(head.outputs.canary);
        const diff = diffPlans(throughJson(head), throughJson(other));
        expect(diff.secretsCompared).toBe(false);
        expect(diff.changed).toBe(0);
        expect(renderDiffText(diff)).toContain("Secrets were not compared");
    });
});
