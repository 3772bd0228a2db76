import * as path from "node:path";
import * as aws from "@pulumi/aws";
import * as awsx from "@pulumi/awsx";
import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import {
    ApplicationLoadBalancer,
    AutoScalingGroup,
    EcsCluster,
    EcsService,
    EksCluster,
    GatewayLoadBalancer,
    IstioTrafficPolicy,
    KubernetesService,
    LambdaFunction,
    NetworkLoadBalancer,
    ScalingPolicies,
} from "../src";
import { StackConfig } from "./config";
import type { Profile } from "./profile";

/**
 * The reference system every environment builds: a web application's whole compute layer,
 * wired only from compute-layer's components. The environment programs (dev.ts, staging.ts,
 * prod.ts) differ only in their {@link Profile} and in the checks they make on config.
 */

/** The outputs every environment exports. */
export interface SystemOutputs {
    albUrl: pulumi.Output<string>;
    apiEndpoint?: pulumi.Output<string | undefined>;
    ecsClusterName?: pulumi.Output<string>;
    eksClusterName?: pulumi.Output<string>;
    kubeconfig?: pulumi.Output<string>;
    nlbDnsName?: pulumi.Output<string>;
    gwlbServiceName?: pulumi.Output<string>;
}

const MAINTENANCE_PAGE = "<html><body><h1>Under Maintenance</h1></body></html>";

/** The web instances serve a page and the `/health` the ALB checks, on port 80 (Amazon Linux 2023). */
const WEB_USER_DATA = `#!/bin/bash
set -euo pipefail
dnf install -y nginx
echo ok > /usr/share/nginx/html/health
systemctl enable --now nginx
`;

/** Target tracking at 70% CPU and the reference's step scaling from a 70% CPU alarm. */
function webScaling(): ScalingPolicies {
    const policies: ScalingPolicies = {
        targetTracking: [{ metric: "cpu", target: 70 }],
        steps: [
            {
                alarm: { metric: "CPUUtilization", namespace: "AWS/EC2", statistic: "Average", threshold: 70, comparison: "GreaterThanOrEqualToThreshold", evaluationPeriods: 2, periodSeconds: 60 },
                adjustmentType: "ChangeInCapacity",
                metricAggregationType: "Average",
                adjustments: [
                    { lowerBound: 0, upperBound: 10, change: 1 },
                    { lowerBound: 10, upperBound: 20, change: 2 },
                    { lowerBound: 20, change: 3 },
                ],
            },
        ],
    };
    return policies;
}

/** Builds the reference system for one environment. */
export function buildSystem(profile: Profile, config: StackConfig): SystemOutputs {
    const env = profile.name;
    const tags = { environment: env };
    const tiers = config.tiers;

    // --- Network -------------------------------------------------------------------------
    const azCount = config.network.availabilityZones;
    const vpc = new awsx.ec2.Vpc("network", {
        cidrBlock: config.network.cidrBlock,
        numberOfAvailabilityZones: azCount,
        natGateways: { strategy: config.network.natGateways === "perAz" ? awsx.ec2.NatGatewayStrategy.OnePerAz : awsx.ec2.NatGatewayStrategy.Single },
        subnetStrategy: awsx.ec2.SubnetAllocationStrategy.Auto,
        subnetSpecs: [{ type: awsx.ec2.SubnetType.Public }, { type: awsx.ec2.SubnetType.Private }],
        tags,
    });
    // One known entry per AZ, so components can count subnets (and give one Elastic IP per subnet).
    const perAz = (ids: pulumi.Output<string[]>) => Array.from({ length: azCount }, (_, i) => ids.apply((all) => all[i]));
    const publicSubnets = perAz(vpc.publicSubnetIds);
    const privateSubnets = perAz(vpc.privateSubnetIds);

    // --- Secrets -------------------------------------------------------------------------
    const dbSecret = new aws.secretsmanager.Secret("db-password", { description: `Database password (${env})`, recoveryWindowInDays: env === "prod" ? 30 : 7, tags });
    new aws.secretsmanager.SecretVersion("db-password", { secretId: dbSecret.id, secretString: config.dbPassword });

    // --- Application Load Balancer ---------------------------------------------------------
    const apiPort = config.api?.port ?? 8080;
    const adminPort = config.admin?.port ?? 8080;
    const alb = new ApplicationLoadBalancer("web", {
        vpcId: vpc.vpcId,
        subnetIds: publicSubnets,
        certificateArn: config.certificateArn,
        deletionProtection: config.deletionProtection,
        targetGroups: {
            api: { port: apiPort, targetType: "ip", healthCheck: { path: "/health" } },
            admin: { port: adminPort, targetType: "ip", healthCheck: { path: "/health" } },
            web: { port: 80, targetType: "instance", healthCheck: { path: "/health" }, stickiness: { durationSeconds: 86400 } },
        },
        defaultAction: tiers.ec2 ? { forward: "web" } : { fixedResponse: { statusCode: 404, contentType: "text/plain", messageBody: "Not found" } },
        rules: [
            // Blocked paths come first, so no service ever sees them.
            ...(config.blockedPaths.length > 0
                ? [{ priority: 10, conditions: { pathPatterns: config.blockedPaths }, action: { fixedResponse: { statusCode: 403, contentType: "text/plain" as const, messageBody: "Forbidden" } } }]
                : []),
            // Spaced priorities: a rule added later slots in without renumbering the others.
            { priority: 100, conditions: { pathPatterns: ["/api/*"] }, action: { forward: "api" } },
            { priority: 200, conditions: { hostHeaders: [`admin.${config.domain}`] }, action: { forward: "admin" } },
            { priority: 300, conditions: { pathPatterns: ["/maintenance"] }, action: { fixedResponse: { statusCode: 503, contentType: "text/html", messageBody: MAINTENANCE_PAGE } } },
        ],
        tags,
    });
    const outputs: SystemOutputs = { albUrl: alb.url };

    // --- ECS: api and admin services --------------------------------------------------------
    if (tiers.ecs) {
        // Spot first in dev; on-demand first (a base of 2 on FARGATE) elsewhere.
        const shares = profile.spotFirst
            ? { FARGATE_SPOT: { weight: 4, base: 0 }, FARGATE: { weight: 1, base: 1 } }
            : { FARGATE: { weight: 3, base: 2 }, FARGATE_SPOT: { weight: 1, base: 0 } };
        const cluster = new EcsCluster("services", {
            capacityProviders: { fargate: true, fargateSpot: true },
            defaultStrategy: { fargate: shares.FARGATE, fargateSpot: shares.FARGATE_SPOT },
            tags,
        });
        outputs.ecsClusterName = cluster.name;
        const strategy = Object.entries(shares).map(([capacityProvider, share]) => ({ capacityProvider, ...share }));
        for (const key of ["api", "admin"] as const) {
            const svc = config[key];
            if (!svc) continue;
            const tg = alb.targetGroups[key];
            const autoScaling: ScalingPolicies & { minCapacity: number; maxCapacity: number } = {
                minCapacity: svc.capacity.min,
                maxCapacity: svc.capacity.max,
                targetTracking: [
                    { metric: "cpu", target: 70 },
                    { metric: "memory", target: 80 },
                    ...(key === "api" ? [{ metric: "requestCountPerTarget" as const, target: 1000, resourceLabel: pulumi.interpolate`${alb.arnSuffix}/${tg.arnSuffix}` }] : []),
                ],
            };
            new EcsService(key, {
                cluster,
                vpcId: vpc.vpcId,
                subnetIds: privateSubnets,
                allowFrom: [alb.securityGroup.id],
                capacityProviderStrategy: strategy,
                cpu: svc.cpu,
                memory: svc.memory,
                containers: {
                    app: {
                        image: svc.image,
                        portMappings: [{ containerPort: svc.port, name: "http" }],
                        environment: { ENV: env, PORT: String(svc.port) },
                        secrets: { DB_PASSWORD: dbSecret.arn },
                        healthCheck: { command: ["CMD-SHELL", `curl -f http://localhost:${svc.port}/health || exit 1`], intervalSeconds: 30, timeoutSeconds: 5, retries: 3, startPeriodSeconds: 10 },
                    },
                },
                desiredCount: svc.capacity.desired ?? svc.capacity.min,
                loadBalancer: { targetGroupArn: tg.arn, containerName: "app", containerPort: svc.port },
                healthCheckGracePeriodSeconds: 60,
                autoScaling,
                logRetentionDays: config.logRetentionDays,
                tags,
            }, { dependsOn: [alb] }); // ECS rejects a service whose target group has no listener yet.
        }
    }

    // --- EC2: the web Auto Scaling group behind the ALB's default action ---------------------------
    if (tiers.ec2 && config.web) {
        const web = config.web;
        const scaling = webScaling();
        if (profile.webSchedules.length > 0) scaling.schedules = profile.webSchedules;
        if (profile.predictiveScaling) scaling.predictive = { metric: "cpu", target: 70, mode: "ForecastAndScale", schedulingBufferSeconds: 300 };
        const group = new AutoScalingGroup("web", {
            vpcId: vpc.vpcId,
            subnetIds: privateSubnets,
            ...(web.spotInstanceTypes ? {} : { instanceType: web.instanceType }),
            ...(web.spotInstanceTypes
                ? { instanceTypes: web.spotInstanceTypes, spot: profile.spotFirst ? { onDemandBaseCapacity: 0, onDemandPercentageAboveBaseCapacity: 0 } : { onDemandBaseCapacity: web.capacity.min, onDemandPercentageAboveBaseCapacity: 50 } }
                : {}),
            userData: WEB_USER_DATA,
            minSize: web.capacity.min,
            maxSize: web.capacity.max,
            desiredCapacity: web.capacity.desired,
            targetGroupArns: [alb.targetGroups.web.arn],
            scaling,
            tags,
        });
        if (group.securityGroup) {
            // The ALB reaches the instances on port 80; nothing else does.
            new aws.vpc.SecurityGroupIngressRule("web-from-alb", {
                securityGroupId: group.securityGroup.id,
                referencedSecurityGroupId: alb.securityGroup.id,
                ipProtocol: "tcp",
                fromPort: 80,
                toPort: 80,
                description: "HTTP from the ALB",
                tags,
            });
        }
    }

    // --- Lambda: process-order behind an HTTP API --------------------------------------------
    if (tiers.lambda && config.orders) {
        const table = new aws.dynamodb.Table("orders", {
            billingMode: "PAY_PER_REQUEST",
            hashKey: "id",
            attributes: [{ name: "id", type: "S" }],
            pointInTimeRecovery: { enabled: true },
            serverSideEncryption: { enabled: true },
            deletionProtectionEnabled: config.deletionProtection,
            tags,
        });
        const orders = new LambdaFunction("process-order", {
            // One account may hold several environments: the name (and its log group) carries the stack.
            functionName: `process-order-${env}`,
            runtime: "python3.12",
            handler: "lambda_function.lambda_handler",
            code: { path: path.join(__dirname, "functions", "process-order") },
            timeoutSeconds: 30,
            memorySize: config.orders.memorySize,
            environment: { TABLE_NAME: table.name, ENVIRONMENT: env },
            reservedConcurrency: config.orders.reservedConcurrency,
            provisionedConcurrency: config.orders.provisionedConcurrency,
            vpc: { subnetIds: privateSubnets, vpcId: vpc.vpcId },
            logRetentionDays: config.logRetentionDays,
            events: { http: { routes: ["POST /orders"] } },
            tags,
        });
        // The function writes orders, and nothing else, to its table.
        new aws.iam.RolePolicy("process-order-table", {
            role: orders.role.name,
            policy: aws.iam.getPolicyDocumentOutput({ statements: [{ actions: ["dynamodb:PutItem", "dynamodb:GetItem"], resources: [table.arn] }] }).json,
        });
        outputs.apiEndpoint = orders.url;
    }

    // --- EKS: clusters, node groups, the web-app workload and the canary ---------------------
    if (tiers.eks && config.eks) {
        const e = config.eks;
        const cluster = new EksCluster("platform", {
            vpcId: vpc.vpcId,
            privateSubnetIds: privateSubnets,
            publicSubnetIds: publicSubnets,
            version: e.version,
            deletionProtection: config.deletionProtection,
            logRetentionDays: config.logRetentionDays,
            nodeGroups: {
                general: { instanceTypes: [e.general.instanceType], minSize: e.general.capacity.min, maxSize: e.general.capacity.max, desiredSize: e.general.capacity.desired, diskSizeGb: 50, labels: { role: "general" } },
                ...(e.spot
                    ? { spot: { instanceTypes: e.spot.instanceTypes, capacityType: "SPOT" as const, minSize: e.spot.capacity.min, maxSize: e.spot.capacity.max, desiredSize: e.spot.capacity.desired, labels: { role: "worker", lifecycle: "spot" } } }
                    : {}),
            },
            fargateProfiles: { batch: { selectors: [{ namespace: "production", labels: { compute: "fargate" } }] } },
            tags,
        });
        outputs.eksClusterName = cluster.clusterName;
        outputs.kubeconfig = pulumi.secret(cluster.kubeconfig);

        if (config.webApp) {
            const app = config.webApp;
            const provider = cluster.provider;
            const canary = profile.canary && tiers.mesh && app.canaryImage !== undefined;
            // Istio from its official Helm charts: the CRDs (base), then the control plane.
            let istiod: k8s.helm.v3.Release | undefined;
            if (canary && config.mesh) {
                const charts = { repo: "https://istio-release.storage.googleapis.com/charts" };
                const istioBase = new k8s.helm.v3.Release("istio-base", { chart: "base", version: config.mesh.istioVersion, repositoryOpts: charts, namespace: "istio-system", createNamespace: true }, { provider });
                istiod = new k8s.helm.v3.Release(
                    "istiod",
                    { chart: "istiod", version: config.mesh.istioVersion, repositoryOpts: charts, namespace: "istio-system", values: { pilot: { autoscaleMin: 2 } } },
                    { provider, dependsOn: [istioBase] },
                );
            }
            const nsLabels: Record<string, string> = { "pod-security.kubernetes.io/enforce": "restricted", ...(istiod ? { "istio-injection": "enabled" } : {}) };
            const ns = new k8s.core.v1.Namespace("production", { metadata: { name: "production", labels: nsLabels } }, { provider, dependsOn: istiod ? [istiod] : [] });
            const dbCredentials = new k8s.core.v1.Secret(
                "db-credentials",
                { metadata: { name: "db-credentials", namespace: ns.metadata.name }, type: "Opaque", stringData: { password: config.dbPassword } },
                { provider },
            );
            const workload = (version: string, image: string, share: number) => ({
                namespace: "production",
                image,
                port: 8080,
                labels: { app: "web", version },
                env: { ENV: env },
                secretEnv: { DB_PASSWORD: { secretName: dbCredentials.metadata.name, key: "password" } },
                // Each version gets its share of the replicas, never fewer than the environment's minimum.
                autoscaling: {
                    minReplicas: Math.max(profile.policy.minCapacity, Math.round((app.replicas.min * share) / 100)),
                    maxReplicas: Math.max(profile.policy.minCapacity, Math.round((app.replicas.max * share) / 100)),
                    cpuUtilization: 70,
                    memoryUtilization: 80,
                },
            });
            const stableShare = canary ? 100 - app.canaryWeight : 100;
            const stable = new KubernetesService(
                "web-app",
                { ...workload("v1", app.image, stableShare), service: { type: "LoadBalancer", port: 80, selector: { app: "web" } } },
                { provider, dependsOn: [ns] },
            );
            if (canary && app.canaryImage) {
                new KubernetesService("web-app-v2", { ...workload("v2", app.canaryImage, app.canaryWeight), service: { enabled: false } }, { provider, dependsOn: [ns] });
                new IstioTrafficPolicy(
                    "web-app",
                    {
                        host: stable.name,
                        namespace: "production",
                        subsets: { v1: { version: "v1" }, v2: { version: "v2" } },
                        routes: [
                            {
                                name: "canary",
                                destinations: [
                                    { subset: "v1", weight: 100 - app.canaryWeight },
                                    { subset: "v2", weight: app.canaryWeight },
                                ],
                                retries: { attempts: 3, perTryTimeout: "2s", retryOn: ["5xx", "gateway-error", "connect-failure"] },
                                timeout: "15s",
                            },
                        ],
                        trafficPolicy: {
                            connectionPool: { tcp: { maxConnections: 100 }, http: { http1MaxPendingRequests: 1, http2MaxRequests: 100, maxRequestsPerConnection: 2 } },
                            loadBalancer: "LEAST_REQUEST",
                            outlierDetection: { consecutive5xxErrors: 5, interval: "30s", baseEjectionTime: "30s", maxEjectionPercent: 50 },
                        },
                    },
                    { provider, dependsOn: istiod ? [ns, istiod] : [ns] },
                );
            }
        }
    }

    // --- NLB: TCP 443 to the api tier with static IPs ----------------------------------------
    if (tiers.nlb && config.nlb) {
        const nlb = new NetworkLoadBalancer("edge", {
            vpcId: vpc.vpcId,
            subnetIds: publicSubnets,
            staticIps: config.nlb.staticIps,
            deletionProtection: config.deletionProtection,
            listeners: {
                https: { port: 443, protocol: "TCP", targetGroup: { port: 443, protocol: "TCP", targetType: "alb", healthCheck: { protocol: "HTTPS", path: "/api/health" } } },
            },
            tags,
        });
        // The NLB's target is the ALB's HTTPS listener, whose /api/* rule reaches the api tier.
        new aws.lb.TargetGroupAttachment("edge-to-alb", { targetGroupArn: nlb.targetGroups.https.arn, targetId: alb.arn, port: 443 }, { dependsOn: alb.httpsListener ? [alb.httpsListener] : [] });
        outputs.nlbDnsName = nlb.dnsName;
    }

    // --- GWLB: off unless configured ---------------------------------------------------------
    if (tiers.gwlb && config.gwlb) {
        const gwlb = new GatewayLoadBalancer("inspection", {
            vpcId: vpc.vpcId,
            subnetIds: privateSubnets,
            healthCheck: { port: 80, protocol: "TCP" },
            allowedPrincipals: config.gwlb.allowedPrincipals,
            deletionProtection: config.deletionProtection,
            tags,
        });
        outputs.gwlbServiceName = gwlb.serviceName;
    }

    return outputs;
}
