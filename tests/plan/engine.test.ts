import * as fs from "node:fs";
import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { describe, expect, it } from "vitest";
import {
    capturePlan,
    childrenOf,
    expectInvalid,
    jsonInput,
    only,
    resource,
    revealSecret,
    runPlan,
    secretDigest,
} from "../support";

/** A tiny component used to exercise the engine the way real components use it. */
class Pair extends pulumi.ComponentResource {
    readonly group: aws.ec2.SecurityGroup;
    constructor(name: string, args: { vpcId: string; port: number }, opts?: pulumi.ComponentResourceOptions) {
        if (args.port < 1)
            throw new pulumi.InputPropertiesError({
                message: "bad port",
                errors: [{ propertyPath: "port", reason: "must be 1-65535" }],
            });
        super("compute-layer:index:Pair", name, {}, opts);
        this.group = new aws.ec2.SecurityGroup(
            `${name}-sg`,
            { vpcId: args.vpcId, description: `port ${args.port}` },
            { parent: this },
        );
        new aws.vpc.SecurityGroupIngressRule(
            `${name}-in`,
            {
                securityGroupId: this.group.id,
                ipProtocol: "tcp",
                fromPort: args.port,
                toPort: args.port,
                cidrIpv4: "10.0.0.0/16",
            },
            { parent: this, ignoreChanges: ["description"] },
        );
        this.registerOutputs({ groupId: this.group.id });
    }
}

describe("offline plan engine", () => {
    it("records type, name, parent, inputs and options of every registration", async () => {
        const plan = await runPlan(() => {
            const p = new Pair("web", { vpcId: "vpc-1", port: 443 });
            return { groupId: p.group.id };
        });
        const component = only(plan, "compute-layer:index:Pair");
        expect(component.parent).toBe(plan.rootUrn);
        expect(component.custom).toBe(false);
        const kids = childrenOf(plan, component);
        expect(kids.map((k) => k.type)).toEqual([
            "aws:ec2/securityGroup:SecurityGroup",
            "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
        ]);
        const rule = resource(plan, "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule", "web-in");
        expect(rule.inputs).toMatchObject({ ipProtocol: "tcp", fromPort: 443, toPort: 443, cidrIpv4: "10.0.0.0/16" });
        // The group id flows from the mock's realistic id into the rule.
        expect(String(rule.inputs.securityGroupId)).toMatch(/^sg-[0-9a-f]{17}$/);
        expect(rule.options.ignoreChanges).toEqual(["description"]);
        expect(rule.urn).toBe(
            "urn:pulumi:dev::compute-layer::compute-layer:index:Pair$aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule::web-in",
        );
        expect(plan.outputs.groupId).toBe(rule.inputs.securityGroupId);
    });

    it("keeps secrets marked in inputs and outputs, and never in JSON", async () => {
        const plan = await runPlan(() => {
            const p = new aws.ssm.Parameter("p", { type: "SecureString", value: pulumi.secret("hunter2") });
            return { value: pulumi.secret("hunter2"), arn: p.arn };
        });
        const p = only(plan, "aws:ssm/parameter:Parameter");
        expect(p.inputs.value).toEqual(secretDigest("hunter2"));
        expect(revealSecret(p.inputs.value)).toBe("hunter2");
        expect(plan.outputs.value).toEqual(secretDigest("hunter2"));
        expect(JSON.stringify(plan)).not.toContain("hunter2");
    });

    it("answers the common data-source calls with realistic values", async () => {
        const plan = await runPlan(
            async () => {
                const region = await aws.getRegion();
                const partition = await aws.getPartition();
                const me = await aws.getCallerIdentity();
                const azs = await aws.getAvailabilityZones({ state: "available" });
                const ami = await aws.ec2.getAmi({
                    mostRecent: true,
                    owners: ["amazon"],
                    filters: [{ name: "name", values: ["al2023-ami-*"] }],
                });
                const param = await aws.ssm.getParameter({
                    name: "/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-x86_64",
                });
                return {
                    region: region.name,
                    partition: partition.partition,
                    account: me.accountId,
                    azs: azs.names,
                    ami: ami.id,
                    param: param.value,
                };
            },
            { config: { "aws:region": "eu-west-1" } },
        );
        expect(plan.outputs.region).toBe("eu-west-1");
        expect(plan.outputs.partition).toBe("aws");
        expect(plan.outputs.account).toMatch(/^\d{12}$/);
        expect(plan.outputs.azs).toEqual(["eu-west-1a", "eu-west-1b", "eu-west-1c"]);
        expect(plan.outputs.ami).toMatch(/^ami-[0-9a-f]+$/);
        expect(plan.outputs.param).toBe(plan.outputs.ami);
    });

    it("returns the real IAM JSON of the statements given to getPolicyDocument", async () => {
        const plan = await runPlan(() => {
            const doc = aws.iam.getPolicyDocumentOutput({
                statements: [
                    {
                        sid: "AssumeFromOidc",
                        actions: ["sts:AssumeRoleWithWebIdentity"],
                        principals: [
                            {
                                type: "Federated",
                                identifiers: ["arn:aws:iam::123456789012:oidc-provider/oidc.example"],
                            },
                        ],
                        conditions: [
                            {
                                test: "StringEquals",
                                variable: "oidc.example:sub",
                                values: ["system:serviceaccount:kube-system:cluster-autoscaler"],
                            },
                            { test: "StringEquals", variable: "oidc.example:aud", values: ["sts.amazonaws.com"] },
                        ],
                    },
                    { effect: "Deny", actions: ["s3:DeleteObject", "s3:PutObject"], resources: ["arn:aws:s3:::b/*"] },
                ],
            });
            new aws.iam.Policy("p", { policy: doc.json });
        });
        expect(jsonInput(only(plan, "aws:iam/policy:Policy"), "policy")).toEqual({
            Version: "2012-10-17",
            Statement: [
                {
                    Sid: "AssumeFromOidc",
                    Effect: "Allow",
                    Action: "sts:AssumeRoleWithWebIdentity",
                    Principal: { Federated: "arn:aws:iam::123456789012:oidc-provider/oidc.example" },
                    Condition: {
                        StringEquals: {
                            "oidc.example:sub": "system:serviceaccount:kube-system:cluster-autoscaler",
                            "oidc.example:aud": "sts.amazonaws.com",
                        },
                    },
                },
                { Effect: "Deny", Action: ["s3:DeleteObject", "s3:PutObject"], Resource: "arn:aws:s3:::b/*" },
            ],
        });
    });

    it("fails loudly on a data source it does not know, naming its token", async () => {
        const { error } = await capturePlan(async () => {
            await aws.rds.getEngineVersion({ engine: "aurora-postgresql" });
        });
        expect(String(error)).toContain('"aws:rds/getEngineVersion:getEngineVersion"');
        expect(String(error)).toContain("mocks.calls");
    });

    it("takes extra answers for calls and resource types", async () => {
        const plan = await runPlan(
            async () => {
                const v = await aws.rds.getEngineVersion({ engine: "aurora-postgresql" });
                const c = new aws.rds.Cluster("db", { engine: "aurora-postgresql" });
                return { version: v.version, endpoint: c.endpoint };
            },
            {
                mocks: {
                    calls: { "aws:rds/getEngineVersion:getEngineVersion": () => ({ version: "16.4" }) },
                    resources: {
                        "aws:rds/cluster:Cluster": ({ name }) => ({ state: { endpoint: `${name}.cluster.internal` } }),
                    },
                },
            },
        );
        expect(plan.outputs).toEqual({ version: "16.4", endpoint: "db.cluster.internal" });
    });

    it("passes config, with secret keys as secrets", async () => {
        const plan = await runPlan(
            () => {
                const c = new pulumi.Config("app");
                return { size: c.requireObject<{ n: number }>("size").n, pw: c.requireSecret("pw") };
            },
            { config: { "app:size": { n: 3 }, "app:pw": "s3cret" }, secretKeys: ["app:pw"] },
        );
        expect(plan.outputs.size).toBe(3);
        expect(plan.outputs.pw).toEqual(secretDigest("s3cret"));
    });

    it("returns a program's validation error with nothing registered", async () => {
        const { errors, plan } = await expectInvalid(() => {
            new Pair("bad", { vpcId: "vpc-1", port: 0 });
        });
        expect(errors.map((e) => e.propertyPath)).toEqual(["port"]);
        expect(plan.resources).toHaveLength(0);
    });

    it("shows transformations every child with its options", async () => {
        const seen: string[] = [];
        const plan = await runPlan(() => {
            new Pair(
                "t",
                { vpcId: "vpc-1", port: 80 },
                {
                    transformations: [
                        (a) => {
                            seen.push(`${a.type}::${a.name}`);
                            return { props: a.props, opts: pulumi.mergeOptions(a.opts, { protect: true }) };
                        },
                    ],
                },
            );
        });
        // A component's transformations run for the component itself and every child.
        expect(seen.sort()).toEqual(plan.resources.map((r) => `${r.type}::${r.name}`).sort());
        expect(plan.resources.filter((r) => r.custom)).toHaveLength(2);
        expect(plan.resources.every((r) => r.options.protect === true)).toBe(true);
    });

    it("runs a program given as a module path", async () => {
        const plan = await runPlan(path.join(__dirname, "../fixtures/plan-program/index.ts"), {
            project: "fixture-app",
            config: {
                "fixture-app:queueName": "orders",
                "fixture-app:limits": { retention: 7 },
                "fixture-app:dbPassword": "x",
            },
            secretKeys: ["fixture-app:dbPassword"],
        });
        expect(only(plan, "aws:sqs/queue:Queue").inputs).toMatchObject({
            name: "orders",
            messageRetentionSeconds: 7 * 86400,
        });
        expect(String(plan.outputs.queueUrl)).toMatch(/^https:\/\/sqs\.us-east-1\.amazonaws\.com\/\d{12}\/orders$/);
    });

    it("gives the same plan for the same program every time", async () => {
        const program = () => {
            new Pair("same", { vpcId: "vpc-1", port: 8080 });
        };
        const a = await runPlan(program);
        const b = await runPlan(program);
        expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    });
});

describe("offline plan engine: assets and archives", () => {
    it("keeps the path of a file archive and the text of a string asset; a path that does not exist fails the plan, naming it", async () => {
        const { plan, failed, error } = await capturePlan(() => {
            new aws.lambda.Function("fn", {
                role: "arn:aws:iam::123456789012:role/r",
                runtime: "python3.12",
                handler: "h.h",
                code: new pulumi.asset.FileArchive("./functions/fn"),
            });
            new aws.s3.BucketObjectv2("obj", { bucket: "b", source: new pulumi.asset.StringAsset("hello") });
        });
        // pulumi up would fail to read it: so does the plan, naming the resource, the property and the path.
        expect(failed).toBe(true);
        expect(String(error)).toContain(
            'aws:lambda/function:Function "fn": code points at ./functions/fn, which does not exist',
        );
        // A path that does not exist keeps no digest.
        expect(only(plan, "aws:lambda/function:Function").inputs.code).toEqual({ $archive: "functions/fn" });
        expect(only(plan, "aws:s3/bucketObjectv2:BucketObjectv2").inputs.source).toEqual({ $asset: "hello" });
    });

    it("records a code folder relative to the working directory with a digest of its contents, so a code change shows", async () => {
        const dir = fs.mkdtempSync(path.join(process.cwd(), ".plan-archive-"));
        try {
            fs.writeFileSync(path.join(dir, "handler.py"), "def handler(e, c):\n    return 1\n");
            const program = () => {
                new aws.lambda.Function("fn", {
                    role: "arn:aws:iam::123456789012:role/r",
                    runtime: "python3.12",
                    handler: "handler.handler",
                    code: new pulumi.asset.FileArchive(dir),
                });
            };
            const before = only(await runPlan(program), "aws:lambda/function:Function").inputs.code as Record<
                string,
                string
            >;
            expect(before.$archive).toBe(path.basename(dir));
            expect(before.digest).toMatch(/^sha256:[0-9a-f]{16}$/);
            const again = only(await runPlan(program), "aws:lambda/function:Function").inputs.code;
            expect(again).toEqual(before);
            fs.writeFileSync(path.join(dir, "handler.py"), "def handler(e, c):\n    return 2\n");
            const after = only(await runPlan(program), "aws:lambda/function:Function").inputs.code as Record<
                string,
                string
            >;
            expect(after.$archive).toBe(before.$archive);
            expect(after.digest).not.toBe(before.digest);
        } finally {
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });
});
