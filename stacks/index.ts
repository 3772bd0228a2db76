import * as awsx from "@pulumi/awsx";
import * as pulumi from "@pulumi/pulumi";
import { ApplicationLoadBalancer } from "../components/lb";

/**
 * Pulumi's entry point. Until the environment programs land, every stack builds the small dev
 * program: a two-zone VPC and the path-, host- and maintenance-routing ALB of the design
 * (/api/* -> api, admin.<domain> -> admin, /maintenance -> fixed 503, everything else -> web).
 *
 * Config (stacks/Pulumi.<stack>.yaml): `compute-layer:domain` (required) and
 * `compute-layer:certificateArn` (optional; without it the ALB serves HTTP only).
 */
export = async () => {
    const config = new pulumi.Config("compute-layer");
    const domain = config.require("domain");
    const certificateArn = config.get("certificateArn");

    // awsx is the right tool for the VPC (its opacity under mocks does not matter here).
    const vpc = new awsx.ec2.Vpc("dev", {
        cidrBlock: "10.0.0.0/16",
        numberOfAvailabilityZones: 2,
        natGateways: { strategy: awsx.ec2.NatGatewayStrategy.Single },
        tags: { "managed-by": "compute-layer", component: "dev" },
    });

    const service = (port: number) => ({ port, healthCheck: { path: "/health" }, deregistrationDelaySeconds: 30 });
    const alb = new ApplicationLoadBalancer("web", {
        vpcId: vpc.vpcId,
        subnetIds: vpc.publicSubnetIds,
        certificateArn,
        // A dev stack must be destroyable.
        deletionProtection: false,
        targetGroups: { web: { ...service(8080), stickiness: { durationSeconds: 86400 } }, api: service(8080), admin: service(8080) },
        defaultAction: { forward: "web" },
        rules: [
            { conditions: { pathPatterns: ["/api/*"] }, action: { forward: "api" } },
            { conditions: { hostHeaders: [`admin.${domain}`] }, action: { forward: "admin" } },
            {
                conditions: { pathPatterns: ["/maintenance"] },
                action: { fixedResponse: { statusCode: 503, contentType: "text/html", messageBody: "<html><body><h1>Under Maintenance</h1></body></html>" } },
            },
        ],
    });

    return {
        albUrl: alb.url,
        albDnsName: alb.dnsName,
        albArnSuffix: alb.arnSuffix,
        vpcId: vpc.vpcId,
        stack: pulumi.getStack(),
    };
};
