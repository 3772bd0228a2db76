import * as aws from "@pulumi/aws";
import * as k8s from "@pulumi/kubernetes";
import { describe, expect, it } from "vitest";
import { ignores, T } from "../../policy/policies";
import { AutoScalingGroup, EcsService, KubernetesService } from "../../src";
import { referenceService } from "../ecs/service/reference";
import { checkProgram, expectClean, expectViolations } from "./support";

const RULE = "autoscaler-counts-ignored";

describe(RULE, () => {
    it("what the components emit passes: the ASG, ECS service and Deployment under their autoscalers ignore their counts", async () => {
        const { report } = await checkProgram(() => {
            new AutoScalingGroup("web", {
                subnetIds: ["subnet-a"],
                securityGroupIds: ["sg-1"],
                desiredCapacity: 2,
                autoScaling: { min: 1, max: 4, targetTracking: [{ metric: "cpu", target: 60 }] },
            });
            new EcsService(
                "api",
                referenceService({ autoScaling: { min: 2, max: 6, targetTracking: [{ metric: "cpu", target: 70 }] } }),
            );
            const provider = new k8s.Provider("k", { kubeconfig: "{}" });
            new KubernetesService(
                "web-app",
                { image: "nginx:1.27", port: 8080, replicas: 3, autoScaling: { min: 2, max: 6 } },
                { provider },
            );
        });
        expectClean(report, RULE);
    });

    it("a transform that resets the ASG's options drops desiredCapacity from ignoreChanges: mandatory", async () => {
        const { report } = await checkProgram(() => {
            new AutoScalingGroup(
                "web",
                {
                    subnetIds: ["subnet-a"],
                    securityGroupIds: ["sg-1"],
                    desiredCapacity: 2,
                    autoScaling: { min: 1, max: 4, targetTracking: [{ metric: "cpu", target: 60 }] },
                },
                {
                    transformations: [
                        ({ type, props, opts }) =>
                            type === T.autoScalingGroup ? { props, opts: { ...opts, ignoreChanges: [] } } : undefined,
                    ],
                },
            );
        });
        expect(expectViolations(report, RULE, ["web-asg"])[0]).toMatch(
            /^desiredCapacity is owned by scaling policy web-/,
        );
    });

    it("raw resources: an ECS service under Application Auto Scaling, a node group under the cluster autoscaler, a Deployment under an HPA, provisioned concurrency", async () => {
        const { report } = await checkProgram(() => {
            const svc = new aws.ecs.Service("raw-svc", {
                cluster: "arn:aws:ecs:us-east-1:1:cluster/c",
                taskDefinition: "td:1",
                desiredCount: 3,
            });
            new aws.appautoscaling.Target("raw-svc-target", {
                serviceNamespace: "ecs",
                scalableDimension: "ecs:service:DesiredCount",
                resourceId: svc.name.apply((n) => `service/c/${n}`),
                minCapacity: 1,
                maxCapacity: 5,
            });
            new aws.eks.NodeGroup("raw-ng", {
                clusterName: "c",
                nodeRoleArn: "arn:aws:iam::1:role/n",
                subnetIds: ["subnet-a"],
                scalingConfig: { minSize: 1, maxSize: 5, desiredSize: 2 },
                tags: { "k8s.io/cluster-autoscaler/enabled": "true" },
            });
            new aws.eks.NodeGroup(
                "ignored-ng",
                {
                    clusterName: "c",
                    nodeRoleArn: "arn:aws:iam::1:role/n",
                    subnetIds: ["subnet-a"],
                    scalingConfig: { minSize: 1, maxSize: 5, desiredSize: 2 },
                    tags: { "k8s.io/cluster-autoscaler/enabled": "true" },
                },
                { ignoreChanges: ["scalingConfig.desiredSize"] },
            );
            const provider = new k8s.Provider("k", { kubeconfig: "{}" });
            new k8s.apps.v1.Deployment(
                "raw-deploy",
                {
                    metadata: { name: "api", namespace: "apps" },
                    spec: {
                        replicas: 3,
                        selector: { matchLabels: { app: "api" } },
                        template: {
                            metadata: { labels: { app: "api" } },
                            spec: { containers: [{ name: "c", image: "nginx:1.27" }] },
                        },
                    },
                },
                { provider },
            );
            new k8s.autoscaling.v2.HorizontalPodAutoscaler(
                "raw-hpa",
                {
                    metadata: { name: "api", namespace: "apps" },
                    spec: {
                        scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "api" },
                        minReplicas: 2,
                        maxReplicas: 5,
                    },
                },
                { provider },
            );
            new aws.lambda.ProvisionedConcurrencyConfig("raw-pcc", {
                functionName: "fn",
                qualifier: "live",
                provisionedConcurrentExecutions: 5,
            });
            new aws.appautoscaling.Target("raw-pcc-target", {
                serviceNamespace: "lambda",
                scalableDimension: "lambda:function:ProvisionedConcurrency",
                resourceId: "function:fn:live",
                minCapacity: 1,
                maxCapacity: 10,
            });
        });
        const messages = expectViolations(report, RULE, ["raw-svc", "raw-ng", "raw-deploy", "raw-pcc"]);
        expect(messages).toContain(
            "desiredCount is owned by Application Auto Scaling target raw-svc-target but is not in ignoreChanges: every deployment resets it",
        );
        expect(messages.join("\n")).toContain("spec.replicas is owned by HorizontalPodAutoscaler apps/api");
    });

    it("ignoreChanges covers a path through itself, a parent path or *", () => {
        expect(ignores(["scalingConfig"], "scalingConfig.desiredSize")).toBe(true);
        expect(ignores(["*"], "desiredCount")).toBe(true);
        expect(ignores(["desiredCountX"], "desiredCount")).toBe(false);
        expect(ignores(undefined, "desiredCount")).toBe(false);
    });
});
