/**
 * What every rule of the pack shares: the resource type tokens it reads, small readers that take
 * the wire forms (`"true"` for a boolean the provider types as a string, unknowns absent), the
 * stack a URN belongs to, and the builders that turn a typed check into a plain
 * `ResourceValidationPolicy` / `StackValidationPolicy`.
 *
 * Only types come from `@pulumi/policy` here: the rules run in the offline `check` command
 * without it, and in `pulumi preview --policy-pack policy` through the pack's `index.ts`.
 */
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";

/** The type tokens of the `@pulumi/aws`, `@pulumi/eks` and `@pulumi/kubernetes` resources the rules read. */
export const T = {
    launchTemplate: "aws:ec2/launchTemplate:LaunchTemplate",
    launchConfiguration: "aws:ec2/launchConfiguration:LaunchConfiguration",
    instance: "aws:ec2/instance:Instance",
    ebsVolume: "aws:ebs/volume:Volume",
    autoScalingGroup: "aws:autoscaling/group:Group",
    autoScalingPolicy: "aws:autoscaling/policy:Policy",
    autoScalingSchedule: "aws:autoscaling/schedule:Schedule",
    appAutoScalingTarget: "aws:appautoscaling/target:Target",
    ecsService: "aws:ecs/service:Service",
    ecsTaskDefinition: "aws:ecs/taskDefinition:TaskDefinition",
    lambdaFunction: "aws:lambda/function:Function",
    lambdaPermission: "aws:lambda/permission:Permission",
    lambdaEventInvokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    lambdaProvisionedConcurrency: "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig",
    lbListener: "aws:lb/listener:Listener",
    albListener: "aws:alb/listener:Listener",
    lbLoadBalancer: "aws:lb/loadBalancer:LoadBalancer",
    albLoadBalancer: "aws:alb/loadBalancer:LoadBalancer",
    lbTargetGroup: "aws:lb/targetGroup:TargetGroup",
    albTargetGroup: "aws:alb/targetGroup:TargetGroup",
    eksCluster: "aws:eks/cluster:Cluster",
    eksNodeGroup: "aws:eks/nodeGroup:NodeGroup",
    /** `@pulumi/eks`'s Cluster: one opaque resource under mocks, so its own inputs are read too. */
    eksPackageCluster: "eks:index:Cluster",
    securityGroup: "aws:ec2/securityGroup:SecurityGroup",
    securityGroupRule: "aws:ec2/securityGroupRule:SecurityGroupRule",
    vpcIngressRule: "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule",
    apiGatewayV2Api: "aws:apigatewayv2/api:Api",
    apiGatewayV2Route: "aws:apigatewayv2/route:Route",
    k8sNamespace: "kubernetes:core/v1:Namespace",
    k8sService: "kubernetes:core/v1:Service",
    k8sPod: "kubernetes:core/v1:Pod",
    k8sDeployment: "kubernetes:apps/v1:Deployment",
    k8sStatefulSet: "kubernetes:apps/v1:StatefulSet",
    k8sDaemonSet: "kubernetes:apps/v1:DaemonSet",
    k8sReplicaSet: "kubernetes:apps/v1:ReplicaSet",
    k8sJob: "kubernetes:batch/v1:Job",
    k8sCronJob: "kubernetes:batch/v1:CronJob",
    k8sHpa: "kubernetes:autoscaling/v2:HorizontalPodAutoscaler",
    k8sPdb: "kubernetes:policy/v1:PodDisruptionBudget",
    helmRelease: "kubernetes:helm.sh/v3:Release",
    helmChartV4: "kubernetes:helm.sh/v4:Chart",
} as const;

/** The Kubernetes kinds with a pod template, by type token. */
export const WORKLOAD_TYPES: readonly string[] = [
    T.k8sPod,
    T.k8sDeployment,
    T.k8sStatefulSet,
    T.k8sDaemonSet,
    T.k8sReplicaSet,
    T.k8sJob,
    T.k8sCronJob,
];

/** A plain JSON-like object, as resource inputs are. */
export type Props = Record<string, unknown>;

/** `value` as an object, or undefined. */
export function asObj(value: unknown): Props | undefined {
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Props) : undefined;
}

/** `value` as a list (an absent or non-list value is empty). */
export function asList(value: unknown): unknown[] {
    return Array.isArray(value) ? value : [];
}

/** `value` as a string, or undefined. */
export function asStr(value: unknown): string | undefined {
    return typeof value === "string" ? value : undefined;
}

/** A number, or a string holding one (some provider inputs are strings on the wire). */
export function asNum(value: unknown): number | undefined {
    if (typeof value === "number" && Number.isFinite(value)) return value;
    if (typeof value === "string" && value.trim() !== "" && Number.isFinite(Number(value))) return Number(value);
    return undefined;
}

/** True for `true` and `"true"` (the provider types some booleans as strings). */
export function isTrue(value: unknown): boolean {
    return value === true || value === "true";
}

/** True for `false` and `"false"`. */
export function isFalse(value: unknown): boolean {
    return value === false || value === "false";
}

/** Reads a nested value by a dotted path. */
export function at(value: unknown, dotted: string): unknown {
    let cur: unknown = value;
    for (const key of dotted.split(".")) {
        const o = asObj(cur);
        if (!o) return undefined;
        cur = o[key];
    }
    return cur;
}

/** The stack a URN belongs to: `urn:pulumi:<stack>::<project>::…`. */
export function stackOf(urn: string): string {
    const m = /^urn:pulumi:([^:]+)::/.exec(urn);
    return m ? m[1] : "";
}

/** A JSON-schema property for a list of stack names, with its default. */
export function stackListConfig(description: string, defaults: string[]): PolicyConfigSchema["properties"][string] {
    return { type: "array", items: { type: "string" }, default: defaults, description };
}

/** Whether the resource's stack is one of the policy config's `key` list (or its default). */
export function stackIn(
    args: { getConfig<C extends object>(): C },
    urn: string,
    key: string,
    defaults: string[],
): boolean {
    const configured = args.getConfig<Record<string, unknown>>()?.[key];
    const list = Array.isArray(configured) ? configured.map(String) : defaults;
    return list.includes(stackOf(urn));
}

/** The fields every rule declares. */
export interface RuleInfo {
    /** Unique in the pack, kebab-case. */
    name: string;
    /** What the rule requires and why it matters. */
    description: string;
    enforcementLevel: Extract<EnforcementLevel, "mandatory" | "advisory">;
    /** How to fix a violation: the component argument, or the raw input, to set. */
    remediationSteps: string;
    configSchema?: PolicyConfigSchema;
}

/** A check of one resource's inputs. */
export type ResourceCheck = (props: Props, args: ResourceValidationArgs, report: ReportViolation) => void;

/**
 * A `ResourceValidationPolicy` that runs `check` on resources of the given type tokens only
 * (everything else is not its business, so it returns without a report).
 */
export function resourceRule(
    info: RuleInfo & { types: readonly string[]; check: ResourceCheck },
): ResourceValidationPolicy {
    const { types, check, ...rest } = info;
    return {
        ...rest,
        validateResource: (args, report) => {
            if (!types.includes(args.type)) return;
            check((args.props ?? {}) as Props, args, report);
        },
    };
}

/** A `StackValidationPolicy` over every resource of the stack. */
export function stackRule(
    info: RuleInfo & {
        check: (resources: PolicyResource[], args: StackValidationArgs, report: ReportViolation) => void;
    },
): StackValidationPolicy {
    const { check, ...rest } = info;
    return { ...rest, validateStack: (args, report) => check(args.resources, args, report) };
}

/** The resources of some types. */
export function ofTypes(resources: PolicyResource[], ...types: string[]): PolicyResource[] {
    return resources.filter((r) => types.includes(r.type));
}

/**
 * Whether `r` refers to `target`: one of its dependencies is `target` (a reference through an
 * Output), or one of `values` (the target's id, ARN or name) equals `ref`.
 */
export function refersTo(r: PolicyResource, target: PolicyResource, ref: unknown, values: unknown[]): boolean {
    if (r.dependencies?.some((d) => d.urn === target.urn)) return true;
    if (typeof ref !== "string" || ref === "") return false;
    return values.some(
        (v) => typeof v === "string" && v !== "" && (ref === v || ref.endsWith(`/${v}`) || ref.endsWith(`:${v}`)),
    );
}
