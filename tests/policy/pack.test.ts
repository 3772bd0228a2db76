import { type ChildProcess, spawn } from "node:child_process";
import * as path from "node:path";
import * as grpc from "@grpc/grpc-js";
import * as analyzerGrpc from "@pulumi/pulumi/proto/analyzer_grpc_pb";
import * as analyzerPb from "@pulumi/pulumi/proto/analyzer_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { POLICY_PACK_NAME, policies } from "../../policy/policies";

/**
 * The pack as `pulumi preview --policy-pack policy` runs it: `policy/index.ts` under the
 * `@pulumi/policy` SDK's own analyzer server (one subprocess), asked over gRPC the way the Pulumi
 * engine asks it. The oracle for the offline adapter: the SDK takes the rules, and a resource the
 * offline check flags is flagged by the SDK too.
 */
const dir = path.resolve(__dirname, "../../policy");
let pack: ChildProcess;
let client: analyzerGrpc.AnalyzerClient;

beforeAll(async () => {
    pack = spawn(process.execPath, ["-r", "tsx/cjs", "-e", 'require("./index.ts")'], {
        cwd: dir,
        stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    pack.stderr?.on("data", (d) => (stderr += String(d)));
    // The SDK prints the port it listens on, for the engine to connect to.
    const port = await new Promise<string>((resolve, reject) => {
        pack.stdout?.on("data", (d) => {
            const m = /^(\d+)\s*$/m.exec(String(d));
            if (m) resolve(m[1]);
        });
        pack.on("exit", (code) => reject(new Error(`the policy pack exited with ${code}: ${stderr}`)));
    });
    client = new analyzerGrpc.AnalyzerClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
}, 60_000);

afterAll(() => {
    client?.close();
    pack?.kill();
});

describe("policy/index.ts under the @pulumi/policy SDK", () => {
    it("serves every rule with its enforcement level", async () => {
        const info = await new Promise<analyzerPb.AnalyzerInfo>((resolve, reject) =>
            client.getAnalyzerInfo(new Empty(), (e, r) => (e ? reject(e) : resolve(r))),
        );
        expect(info.getName()).toBe(POLICY_PACK_NAME);
        const levels = {
            advisory: analyzerPb.EnforcementLevel.ADVISORY,
            mandatory: analyzerPb.EnforcementLevel.MANDATORY,
        };
        expect(info.getPoliciesList().map((p) => [p.getName(), p.getEnforcementlevel()])).toEqual(
            policies.map((p) => [p.name, levels[p.enforcementLevel as "advisory" | "mandatory"]]),
        );
        for (const p of info.getPoliciesList()) expect(p.getDescription().length).toBeGreaterThan(40);
    });

    it("flags a launch template with httpTokens: optional, as the offline check does", async () => {
        const urn = "urn:pulumi:prod::compute-layer::aws:ec2/launchTemplate:LaunchTemplate::legacy";
        const req = new analyzerPb.AnalyzeRequest();
        req.setType("aws:ec2/launchTemplate:LaunchTemplate");
        req.setName("legacy");
        req.setUrn(urn);
        req.setProperties(
            Struct.fromJavaScript({
                metadataOptions: { httpTokens: "optional", httpPutResponseHopLimit: 1 },
                blockDeviceMappings: [{ deviceName: "/dev/xvda", ebs: { encrypted: "true" } }],
            }),
        );
        req.setOptions(new analyzerPb.AnalyzerResourceOptions());
        const res = await new Promise<analyzerPb.AnalyzeResponse>((resolve, reject) =>
            client.analyze(req, (e, r) => (e ? reject(e) : resolve(r))),
        );
        const found = res.getDiagnosticsList().map((d) => [d.getPolicyname(), d.getEnforcementlevel(), d.getMessage()]);
        expect(found).toEqual([
            [
                "ec2-imdsv2-required",
                analyzerPb.EnforcementLevel.MANDATORY,
                expect.stringContaining('metadataOptions.httpTokens is optional; it must be "required"'),
            ],
        ]);
    });
});
