import * as path from "node:path";
import { describe, expect, it } from "vitest";
import { loadStackConfig } from "../../src/plan/config";
import { childrenOf, only, ofType, runPlan } from "../support";

const root = path.resolve(__dirname, "../..");

describe("stacks: the dev program with stacks/Pulumi.dev.yaml", () => {
    it("builds the VPC and the path-, host- and maintenance-routing ALB from the stack's config", async () => {
        const { config, secretKeys } = loadStackConfig(path.join(root, "stacks/Pulumi.dev.yaml"), "compute-layer");
        const domain = config["compute-layer:domain"];
        expect(domain).toBeTruthy();
        const plan = await runPlan(path.join(root, "stacks/index.ts"), { stack: "dev", config, secretKeys });

        only(plan, "awsx:ec2:Vpc");
        const alb = only(plan, "compute-layer:index:ApplicationLoadBalancer");
        const lb = only(plan, "aws:lb/loadBalancer:LoadBalancer");
        expect(lb.parent).toBe(alb.urn);
        expect(childrenOf(plan, alb).length).toBeGreaterThanOrEqual(10);
        // The ALB sits in the VPC's public subnets.
        expect(lb.inputs.subnets).toHaveLength(2);

        const rules = ofType(plan, "aws:lb/listenerRule:ListenerRule").sort((a, b) => Number(a.inputs.priority) - Number(b.inputs.priority));
        expect(rules.map((r) => r.inputs.conditions)).toEqual([[{ pathPattern: { values: ["/api/*"] } }], [{ hostHeader: { values: [`admin.${domain}`] } }], [{ pathPattern: { values: ["/maintenance"] } }]]);
        expect(rules[2].inputs.actions).toEqual([{ type: "fixed-response", fixedResponse: { statusCode: "503", contentType: "text/html", messageBody: "<html><body><h1>Under Maintenance</h1></body></html>" } }]);

        // The certificate in the yaml turns on HTTPS, and HTTP only redirects.
        const certificateArn = config["compute-layer:certificateArn"];
        const https = ofType(plan, "aws:lb/listener:Listener").find((l) => l.inputs.protocol === "HTTPS");
        expect(https?.inputs.certificateArn).toBe(certificateArn);
        expect(String(plan.outputs.albUrl)).toBe(`https://${String(plan.outputs.albDnsName)}`);
        expect(plan.outputs.stack).toBe("dev");
    });
});
