import * as aws from "@pulumi/aws";
import type * as pulumi from "@pulumi/pulumi";
import { EksCluster } from "../../src";
import type { SystemContext } from "./context";
import type { Network } from "./network";

/**
 * The security group of the self-hosted deploy runner (README, "Deploying for real"): the one
 * thing, besides the nodes, the private API endpoint admits. The runner needs only HTTPS out
 * (GitHub, npm, Pulumi Cloud, the AWS APIs and the cluster's API).
 */
function deployRunnerSecurityGroup({ tags }: SystemContext, net: Network): aws.ec2.SecurityGroup {
    const group = new aws.ec2.SecurityGroup("deploy-runner", {
        vpcId: net.vpcId,
        description: "Self-hosted GitHub Actions runner that deploys this stack",
        tags: { ...tags, Name: "deploy-runner" },
    });
    new aws.vpc.SecurityGroupEgressRule("deploy-runner-https", {
        securityGroupId: group.id,
        cidrIpv4: "0.0.0.0/0",
        ipProtocol: "tcp",
        fromPort: 443,
        toPort: 443,
        description: "HTTPS out",
        tags,
    });
    return group;
}

/**
 * The platform EKS cluster: an on-demand general node group, an optional Spot group, a Fargate
 * profile; its API reached by the deploy runner's security group and the networks in config.
 */
export function platformCluster(ctx: SystemContext, net: Network, kedaQueueArns: pulumi.Input<string>[] = []) {
    const { config, tags } = ctx;
    const e = config.eks;
    if (!e) return undefined;
    const runner = deployRunnerSecurityGroup(ctx, net);
    const spot = e.spot && {
        instanceTypes: e.spot.instanceTypes,
        capacityType: "SPOT" as const,
        minSize: e.spot.capacity.min,
        maxSize: e.spot.capacity.max,
        desiredSize: e.spot.capacity.desired,
        labels: { role: "worker", lifecycle: "spot" },
    };
    const cluster = new EksCluster("platform", {
        vpcId: net.vpcId,
        privateSubnetIds: net.privateSubnets,
        publicSubnetIds: net.publicSubnets,
        version: e.version,
        deletionProtection: config.deletionProtection,
        logRetentionDays: config.logRetentionDays,
        nodeGroups: {
            general: {
                instanceTypes: [e.general.instanceType],
                minSize: e.general.capacity.min,
                maxSize: e.general.capacity.max,
                desiredSize: e.general.capacity.desired,
                diskSizeGb: 50,
                labels: { role: "general" },
            },
            ...(spot ? { spot } : {}),
        },
        fargateProfiles: { batch: { selectors: [{ namespace: "production", labels: { compute: "fargate" } }] } },
        // EKS-managed add-ons at EKS's default version for the cluster; the CSI driver and the
        // controllers below get their AWS permissions through the Pod Identity agent.
        addons: {
            "vpc-cni": {},
            coredns: {},
            "kube-proxy": {},
            "aws-ebs-csi-driver": {},
            "eks-pod-identity-agent": {},
            // The resource metrics the web-app, istiod and gateway HPAs scale on (EKS installs none).
            "metrics-server": {},
        },
        // Ingress: ALBs for Ingress objects (the web app's HTTPS entry).
        loadBalancerController: {},
        // Queue-driven scaling: KEDA's operator may read the work queue's length.
        ...(kedaQueueArns.length > 0 ? { keda: { sqsQueueArns: kedaQueueArns } } : {}),
        apiAccess: { privateAccessSecurityGroupIds: [runner.id], ...e.apiAccess },
        // The deploy role's cluster-admin access entry, explicit rather than the creator's implicit one.
        ...(e.deployerRoleArn ? { access: { deployerPrincipalArn: e.deployerRoleArn } } : {}),
        tags,
    });
    return { cluster, runnerSecurityGroupId: runner.id };
}
