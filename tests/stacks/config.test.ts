import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { parseDocument } from "yaml";
import { CliError, planCommand } from "../../src/plan/cli";
import { loadStackConfig } from "../../src/plan/config";
import { diffPlans, parsePlan } from "../../src/plan/diff";
import { renderJson } from "../../src/plan/render";
import { parseRawConfig, validateConfig } from "../../stacks/config";
import { runPlan } from "../support";

const root = path.resolve(__dirname, "../..");

/**
 * A new user's project: a copy of an environment's stack file, edited, next to a Pulumi.yaml
 * whose program is this repo's stacks/index.ts. Returns the `plan` failure.
 */
async function planEditedCopy(stack: string, edit: (doc: ReturnType<typeof parseDocument>) => void): Promise<CliError> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "compute-layer-config-"));
    fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        `name: compute-layer\nruntime: nodejs\nmain: ${path.join(root, "stacks/index.ts")}\n`,
    );
    const doc = parseDocument(fs.readFileSync(path.join(root, `stacks/Pulumi.${stack}.yaml`), "utf8"));
    edit(doc);
    fs.writeFileSync(path.join(dir, `Pulumi.${stack}.yaml`), doc.toString());
    try {
        await planCommand(["--stack", stack], dir);
    } catch (e) {
        if (e instanceof CliError) return e;
        throw e;
    } finally {
        fs.rmSync(dir, { recursive: true, force: true });
    }
    throw new Error("expected the plan to fail");
}

describe("stack config: a bad Pulumi.<env>.yaml names the key and the file", () => {
    it("compute-layer:tiers set to a string", async () => {
        const e = await planEditedCopy("dev", (doc) => doc.setIn(["config", "compute-layer:tiers"], "all"));
        expect(e.exitCode).toBe(1);
        expect(e.message).toContain("stacks/Pulumi.dev.yaml");
        expect(e.message).toMatch(/compute-layer:tiers: .*expected object/);
    });

    it("an unknown key, a wrong nested type and a missing required key, all at once", async () => {
        const e = await planEditedCopy("staging", (doc) => {
            doc.setIn(["config", "compute-layer:replicaCount"], 3);
            doc.setIn(["config", "compute-layer:network", "availabilityZones"], "three");
            doc.deleteIn(["config", "compute-layer:domain"]);
        });
        expect(e.message).toContain("stacks/Pulumi.staging.yaml");
        expect(e.message).toContain("compute-layer:replicaCount: unknown key");
        expect(e.message).toMatch(/compute-layer:network\.availabilityZones: .*expected number/);
        expect(e.message).toContain("compute-layer:domain: required key is missing");
    });

    it("prod's policy: a tier below 2, one zone too few, no certificate and deletion protection off", async () => {
        const e = await planEditedCopy("prod", (doc) => {
            doc.setIn(["config", "compute-layer:api", "capacity", "min"], 1);
            doc.setIn(["config", "compute-layer:network", "availabilityZones"], 2);
            doc.deleteIn(["config", "compute-layer:certificateArn"]);
            doc.setIn(["config", "compute-layer:deletionProtection"], false);
        });
        expect(e.message).toContain("stacks/Pulumi.prod.yaml breaks the prod policy");
        for (const key of ["api.capacity.min", "network.availabilityZones", "certificateArn", "deletionProtection"])
            expect(e.message).toContain(`compute-layer:${key}:`);
    });

    it("an image without a tag", () => {
        const { config } = loadStackConfig(path.join(root, "stacks/Pulumi.dev.yaml"), "compute-layer");
        const raw = Object.fromEntries(Object.entries(config).map(([k, v]) => [k.replace("compute-layer:", ""), v]));
        const api = JSON.parse(raw.api);
        raw.api = JSON.stringify({ ...api, image: "nginx" });
        expect(() => validateConfig(parseRawConfig(raw), "stacks/Pulumi.dev.yaml")).toThrow(
            /compute-layer:api\.image: must have a tag or digest/,
        );
    });
});

describe("stack config: the keys the deploy-ready system adds", () => {
    /** The staging stack file's config, with `change` applied to the parsed keys; returns validateConfig's error. */
    const invalid = (change: (raw: Record<string, unknown>) => void) => {
        const { config } = loadStackConfig(path.join(root, "stacks/Pulumi.staging.yaml"), "compute-layer");
        const own = Object.entries(config).filter(([k]) => k.startsWith("compute-layer:"));
        const parsed = parseRawConfig(Object.fromEntries(own.map(([k, v]) => [k.replace("compute-layer:", ""), v])));
        change(parsed);
        try {
            validateConfig(parsed, "stacks/Pulumi.staging.yaml");
        } catch (e) {
            return String(e);
        }
        return "valid";
    };
    const orders = (raw: Record<string, unknown>) => raw.orders as { jwt: Record<string, unknown> };
    const eks = (raw: Record<string, unknown>) => raw.eks as Record<string, unknown>;
    const gwlb = (raw: Record<string, unknown>) => (raw.gwlb as { inspection: Record<string, unknown> }).inspection;

    it("the real staging file is valid", () => {
        expect(invalid(() => {})).toBe("valid");
    });

    it("orders.jwt: exactly one of issuer and cognitoUserPoolId, an HTTPS issuer, 1–50 audiences, at most 10 scopes", () => {
        expect(invalid((r) => Object.assign(orders(r).jwt, { issuer: "https://issuer.example.com/" }))).toContain(
            "give exactly one of issuer and cognitoUserPoolId",
        );
        expect(invalid((r) => delete orders(r).jwt.cognitoUserPoolId)).toContain(
            "give exactly one of issuer and cognitoUserPoolId",
        );
        expect(invalid((r) => (orders(r).jwt = { issuer: "http://issuer.example.com/", audience: ["a"] }))).toContain(
            "compute-layer:orders.jwt.issuer: must be an HTTPS issuer URL",
        );
        expect(invalid((r) => (orders(r).jwt.cognitoUserPoolId = "pool-1"))).toContain(
            "compute-layer:orders.jwt.cognitoUserPoolId: must be a user pool id",
        );
        expect(invalid((r) => (orders(r).jwt.audience = []))).toContain("compute-layer:orders.jwt.audience");
        expect(invalid((r) => (orders(r).jwt.scopes = Array.from({ length: 11 }, (_, i) => `s${i}`)))).toContain(
            "compute-layer:orders.jwt.scopes",
        );
    });

    it("the staging and prod policy requires orders.jwt; dev's doesn't", async () => {
        const e = await planEditedCopy("prod", (doc) => doc.deleteIn(["config", "compute-layer:orders", "jwt"]));
        expect(e.message).toContain("stacks/Pulumi.prod.yaml breaks the prod policy");
        expect(e.message).toContain(
            "compute-layer:orders.jwt: prod checks the callers of POST /orders with a JWT authorizer",
        );
    });

    it("the staging and prod policy requires adminAllowedCidrs (admin.<domain> is not open to the internet)", async () => {
        const e = await planEditedCopy("staging", (doc) => doc.deleteIn(["config", "compute-layer:adminAllowedCidrs"]));
        expect(e.message).toContain("stacks/Pulumi.staging.yaml breaks the staging policy");
        expect(e.message).toContain(
            "compute-layer:adminAllowedCidrs: staging does not open admin.<domain> to the internet; give the networks that may reach it",
        );
        expect(invalid((r) => (r.adminAllowedCidrs = ["everyone"]))).toContain("compute-layer:adminAllowedCidrs.0");
    });

    it("a tier turned on without the key it builds from is an error naming that key (it built nothing, silently)", () => {
        const tiers = (r: Record<string, unknown>) => r.tiers as Record<string, boolean>;
        const e = invalid((r) => {
            tiers(r).nlb = true;
            tiers(r).mesh = true;
            delete r.orders;
        });
        expect(e).toContain("compute-layer:nlb: tiers.nlb is on and builds from this key");
        expect(e).toContain("compute-layer:mesh: tiers.mesh is on and builds from this key");
        expect(e).toContain("compute-layer:orders: tiers.lambda is on and builds from this key");
        // A tier that is off needs nothing.
        expect(invalid((r) => delete r.gwlb)).toContain("compute-layer:gwlb: tiers.gwlb is on");
        expect(
            invalid((r) => {
                tiers(r).gwlb = false;
                delete r.gwlb;
            }),
        ).toBe("valid");
    });

    it("dev with EKS and webApp but no certificate: the policy names certificateArn (the Ingress is HTTPS only)", async () => {
        const e = await planEditedCopy("dev", (doc) => {
            const staging = parseDocument(fs.readFileSync(path.join(root, "stacks/Pulumi.staging.yaml"), "utf8"));
            doc.setIn(["config", "compute-layer:tiers", "eks"], true);
            for (const key of ["compute-layer:eks", "compute-layer:webApp"])
                doc.setIn(["config", key], staging.getIn(["config", key]));
        });
        expect(e.message).toContain("stacks/Pulumi.dev.yaml breaks the dev policy");
        expect(e.message).toContain(
            "compute-layer:certificateArn: webApp's Ingress on EKS serves HTTPS only and needs a certificate",
        );
    });

    it("adminAllowedCidrs and network.cidrBlock are real IPv4 CIDRs (octets ≤ 255, prefix ≤ 32), a VPC's a /16 to /28", () => {
        // The ALB and EC2 reject these at `pulumi up`; the config stops them first, naming the key.
        expect(invalid((r) => (r.adminAllowedCidrs = ["300.1.2.0/24"]))).toContain(
            "compute-layer:adminAllowedCidrs.0: must be an IPv4 CIDR block",
        );
        expect(invalid((r) => (r.adminAllowedCidrs = ["198.51.100.0/40"]))).toContain(
            "compute-layer:adminAllowedCidrs.0: must be an IPv4 CIDR block",
        );
        const network = (r: Record<string, unknown>) => r.network as { cidrBlock: string };
        expect(invalid((r) => (network(r).cidrBlock = "10.20.0.0/99"))).toContain(
            "compute-layer:network.cidrBlock: must be an IPv4 CIDR block",
        );
        expect(invalid((r) => (network(r).cidrBlock = "10.0.0.0/8"))).toContain(
            "compute-layer:network.cidrBlock: a VPC's CIDR block is a /16 to a /28",
        );
        expect(invalid((r) => (network(r).cidrBlock = "10.20.0.0/28"))).toBe("valid");
    });

    it("eks.deployerRoleArn is an IAM role ARN; eks.apiAccess takes IPv4 CIDRs, at most 40 public ones", () => {
        expect(invalid((r) => (eks(r).deployerRoleArn = "arn:aws:iam::123456789012:user/alice"))).toContain(
            "compute-layer:eks.deployerRoleArn: must be an IAM role ARN",
        );
        expect(invalid((r) => (eks(r).apiAccess = { privateAccessCidrs: ["10.0.0.0/33"] }))).toContain(
            "compute-layer:eks.apiAccess.privateAccessCidrs.0: must be an IPv4 CIDR block",
        );
        const many = Array.from({ length: 41 }, (_, i) => `203.0.113.${i}/32`);
        expect(invalid((r) => (eks(r).apiAccess = { privateAccessCidrs: [], publicAccessCidrs: many }))).toContain(
            "compute-layer:eks.apiAccess.publicAccessCidrs",
        );
        expect(
            invalid((r) => (eks(r).apiAccess = { privateAccessCidrs: [], publicAccessCidrs: ["198.51.100.7/32"] })),
        ).toBe("valid");
    });

    it("worker: an image with a tag; the policy's floor applies to its replicas", async () => {
        expect(invalid((r) => ((r.worker as { image: string }).image = "traefik/whoami"))).toContain(
            "compute-layer:worker.image: must have a tag or digest",
        );
        const e = await planEditedCopy("prod", (doc) =>
            doc.setIn(["config", "compute-layer:worker", "replicas", "min"], 1),
        );
        expect(e.message).toContain("compute-layer:worker.replicas.min: prod keeps at least 2 (got 1)");
    });

    it("gwlb.inspection: one endpoint subnet per inspected subnet, at least two, IPv4 CIDRs", () => {
        expect(invalid((r) => (gwlb(r).endpointSubnetCidrs = ["10.20.250.0/28"]))).toContain(
            "give one endpoint subnet per inspected subnet",
        );
        expect(invalid((r) => (gwlb(r).inspectedSubnetCidrs = ["10.20.240.0/24"]))).toContain(
            "compute-layer:gwlb.inspection.inspectedSubnetCidrs",
        );
        expect(invalid((r) => (gwlb(r).inspectedSubnetCidrs = ["10.20.240.0", "10.20.241.0/24"]))).toContain(
            "must be an IPv4 CIDR block",
        );
    });
});

describe("changing one config key", () => {
    it("changes only the resources it should: the api image in prod changes the api task definition's containers", async () => {
        const { config, secretKeys } = loadStackConfig(path.join(root, "stacks/Pulumi.prod.yaml"), "compute-layer");
        const options = { project: "compute-layer", stack: "prod", secretKeys };
        const api = JSON.parse(config["compute-layer:api"]);
        const base = await runPlan(path.join(root, "stacks/index.ts"), { ...options, config });
        const head = await runPlan(path.join(root, "stacks/index.ts"), {
            ...options,
            config: {
                ...config,
                "compute-layer:api": JSON.stringify({ ...api, image: "traefik/whoami:v1.10.3" }),
            },
        });
        const diff = diffPlans(parsePlan(renderJson(base), "base"), parsePlan(renderJson(head), "head"));
        const changed = diff.groups.flatMap((g) => g.changes);
        expect(changed.map((c) => [c.op, c.type, c.name])).toEqual([
            ["change", "aws:ecs/taskDefinition:TaskDefinition", "api-task"],
        ]);
        // The diff reads into the container definitions' JSON: one input, old → new.
        expect(changed[0].changes).toEqual([
            {
                path: "containerDefinitions[0].image",
                before: api.image,
                after: "traefik/whoami:v1.10.3",
                secret: false,
            },
        ]);
    });
});
