import { joinPath, type Validator } from "../../../src/core";
import { AWS_REFS, type PolicyDocument, ref, serviceAccountRole } from "../shared";
import lbControllerPolicy from "../shared/aws-load-balancer-controller-v3.5.0-iam-policy.json";
import type { EksLoadBalancerControllerArgs } from "./args";

/**
 * The pinned AWS Load Balancer Controller: the eks-charts chart `aws-load-balancer-controller`
 * 3.5.0 (appVersion v3.5.0). Its IAM policy is the one the project publishes for that release,
 * kept as data: docs/install/iam_policy.json at tag v3.5.0 (commit 11eb202c) of
 * kubernetes-sigs/aws-load-balancer-controller (the standard `aws` partition's file).
 */
export const LB_CONTROLLER_VERSION = "3.5.0";
export const LB_CONTROLLER_CHART = {
    chart: "aws-load-balancer-controller",
    repo: "https://aws.github.io/eks-charts",
} as const;
export const LB_CONTROLLER_NAMESPACE = "kube-system";
export const LB_CONTROLLER_SERVICE_ACCOUNT = "aws-load-balancer-controller";
/** The IAM policy AWS publishes for the pinned release. */
export const LB_CONTROLLER_IAM_POLICY = lbControllerPolicy as PolicyDocument;

/** The controller's deploy-time references, filled by the component. */
export const LB_CONTROLLER_REFS = { roleArn: ref("lbControllerRoleArn"), vpcId: ref("vpcId") } as const;

/** A Helm release's final inputs. */
export interface HelmReleasePlan {
    chart: string;
    version: string;
    repositoryOpts: { repo: string };
    namespace: string;
    createNamespace?: boolean;
    values: Record<string, unknown>;
}

/** The AWS Load Balancer Controller: its role and policy, and its Helm release. */
export interface LoadBalancerControllerPlan {
    binding: "podIdentity" | "irsa";
    namespace: string;
    serviceAccount: string;
    role: { description: string; assumeRolePolicy: PolicyDocument };
    policy: PolicyDocument;
    release: HelmReleasePlan;
}

export function planLoadBalancerController(
    v: Validator,
    a: EksLoadBalancerControllerArgs,
    clusterName: string,
    hasPodIdentityAgent: boolean,
): LoadBalancerControllerPlan {
    const p = (...rest: string[]) => joinPath("loadBalancerController", ...rest);
    const version = a.version ?? LB_CONTROLLER_VERSION;
    if (version !== LB_CONTROLLER_VERSION) {
        v.add(
            p("version"),
            `must be "${LB_CONTROLLER_VERSION}": the controller's IAM policy here is the one AWS publishes for that release (got ${JSON.stringify(version)})`,
        );
    }
    const sa = LB_CONTROLLER_SERVICE_ACCOUNT;
    const { binding, role } = serviceAccountRole(v, p("iam"), {
        iam: a.iam,
        hasPodIdentityAgent,
        clusterName,
        namespace: LB_CONTROLLER_NAMESPACE,
        serviceAccount: sa,
        of: "the AWS Load Balancer Controller",
    });
    return {
        binding,
        namespace: LB_CONTROLLER_NAMESPACE,
        serviceAccount: sa,
        role,
        policy: LB_CONTROLLER_IAM_POLICY,
        release: {
            chart: LB_CONTROLLER_CHART.chart,
            version,
            repositoryOpts: { repo: LB_CONTROLLER_CHART.repo },
            namespace: LB_CONTROLLER_NAMESPACE,
            values: {
                clusterName,
                // Given rather than read from the instance metadata, which pods can't reach (hop limit 1).
                region: AWS_REFS.region,
                vpcId: LB_CONTROLLER_REFS.vpcId,
                replicaCount: a.replicas ?? 2,
                // The chart's Service mutating webhook (failurePolicy Fail, on every Service CREATE in
                // every namespace) is registered before the controller's pods are ready, so Services
                // created meanwhile are rejected (kubernetes-sigs/aws-load-balancer-controller#4140).
                // It only defaults type LoadBalancer Services to the NLB class: Ingresses need no webhook.
                enableServiceMutatorWebhook: false,
                serviceAccount: {
                    create: true,
                    name: sa,
                    ...(binding === "irsa"
                        ? { annotations: { "eks.amazonaws.com/role-arn": LB_CONTROLLER_REFS.roleArn } }
                        : {}),
                },
            },
        },
    };
}
