import type { EksClusterArgs } from "../../../components/eks";
import { REFERENCE_FARGATE_PROFILES, REFERENCE_NODE_GROUPS } from "./reference";

/** One valid, rich EksCluster: the reference node groups and Fargate profiles, and most options set. */
export const validArgs: EksClusterArgs = {
    vpcId: "vpc-0123456789abcdef0",
    privateSubnetIds: ["subnet-0aaa", "subnet-0bbb", "subnet-0ccc"],
    publicSubnetIds: ["subnet-0ddd", "subnet-0eee"],
    clusterName: "my-cluster",
    version: "1.35",
    apiAccess: {
        privateEndpoint: true,
        privateAccessSecurityGroupIds: ["sg-0123456789abcdef0"],
        privateAccessCidrs: ["10.50.0.0/16"],
        publicAccessCidrs: ["203.0.113.0/24"],
        allowPublicEndpointFromAnywhere: false,
    },
    access: {
        deployerPrincipalArn: "arn:aws:iam::123456789012:role/github-deploy",
        entries: {
            admins: {
                principalArn: "arn:aws:iam::123456789012:role/platform-admins",
                policies: [{ policy: "AmazonEKSClusterAdminPolicy" }],
            },
            "team-a": {
                principalArn: "arn:aws:iam::123456789012:role/team-a",
                kubernetesGroups: ["team-a-readers"],
                policies: [{ policy: "AmazonEKSEditPolicy", namespaces: ["team-a", "team-a-*"] }],
            },
        },
    },
    addons: {
        "vpc-cni": { version: "v1.19.2-eksbuild.1" },
        coredns: { configurationValues: { replicaCount: 3 }, resolveConflictsOnUpdate: "PRESERVE" },
        "kube-proxy": { version: "latest" },
        "aws-ebs-csi-driver": { iam: "podIdentity" },
        "eks-pod-identity-agent": {},
    },
    nodeGroups: {
        ...REFERENCE_NODE_GROUPS,
        arm: {
            instanceTypes: ["m7g.large"],
            amiType: "AL2023_ARM_64_STANDARD",
            minSize: 1,
            maxSize: 4,
            diskSizeGb: 80,
            taints: [{ key: "example.com/arch", value: "arm64", effect: "NO_SCHEDULE" }],
            maxUnavailablePercentage: 25,
            metadataHopLimit: 2,
            ssmAccess: true,
        },
    },
    fargateProfiles: REFERENCE_FARGATE_PROFILES,
    clusterAutoscaler: { enabled: true, version: "1.35.1", expander: "least-waste" },
    loadBalancerController: { iam: "podIdentity", replicas: 2 },
    keda: { sqsQueueArns: ["arn:aws:sqs:us-east-1:123456789012:orders"], iam: "irsa" },
    logRetentionDays: 90,
    deletionProtection: true,
    tags: { team: "platform", "cost-center": "1234" },
};
