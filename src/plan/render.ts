import { isSecretMarker, type Plan, type PlannedResource, type PlanValue } from "./types";

/**
 * The few inputs worth showing for each resource type in the tree. Dotted paths reach into
 * objects; a list shows its length or its items when short.
 */
export const KEY_INPUTS: Record<string, string[]> = {
    "aws:lb/loadBalancer:LoadBalancer": ["name", "loadBalancerType", "internal", "enableDeletionProtection"],
    "aws:lb/targetGroup:TargetGroup": ["name", "port", "protocol", "targetType", "healthCheck.path"],
    "aws:lb/listener:Listener": ["port", "protocol", "sslPolicy", "defaultActions.0.type"],
    "aws:lb/listenerRule:ListenerRule": [
        "priority",
        "conditions.0.pathPattern.values",
        "conditions.0.hostHeader.values",
        "conditions.0.httpHeader",
        "actions.0.type",
        "actions.0.fixedResponse.statusCode",
    ],
    "aws:ec2/securityGroup:SecurityGroup": ["description"],
    "aws:vpc/securityGroupIngressRule:SecurityGroupIngressRule": [
        "ipProtocol",
        "fromPort",
        "toPort",
        "cidrIpv4",
        "referencedSecurityGroupId",
    ],
    "aws:vpc/securityGroupEgressRule:SecurityGroupEgressRule": [
        "ipProtocol",
        "fromPort",
        "toPort",
        "cidrIpv4",
        "referencedSecurityGroupId",
    ],
    "aws:ec2/launchTemplate:LaunchTemplate": ["instanceType", "metadataOptions.httpTokens"],
    "aws:autoscaling/group:Group": ["minSize", "maxSize", "desiredCapacity", "healthCheckType"],
    "aws:autoscaling/policy:Policy": ["policyType", "adjustmentType"],
    "aws:autoscaling/schedule:Schedule": ["recurrence", "minSize", "maxSize", "desiredCapacity"],
    "aws:cloudwatch/metricAlarm:MetricAlarm": ["metricName", "comparisonOperator", "threshold"],
    "aws:cloudwatch/logGroup:LogGroup": ["name", "retentionInDays"],
    "aws:ecs/cluster:Cluster": ["name"],
    "aws:ecs/capacityProvider:CapacityProvider": [
        "autoScalingGroupProvider.managedScaling.targetCapacity",
        "autoScalingGroupProvider.managedTerminationProtection",
    ],
    "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders": ["capacityProviders"],
    "aws:ecs/service:Service": ["desiredCount", "launchType"],
    "aws:ecs/taskDefinition:TaskDefinition": ["family", "cpu", "memory"],
    "aws:appautoscaling/target:Target": ["minCapacity", "maxCapacity", "scalableDimension"],
    "aws:appautoscaling/policy:Policy": [
        "policyType",
        "targetTrackingScalingPolicyConfiguration.predefinedMetricSpecification.predefinedMetricType",
    ],
    "aws:appautoscaling/scheduledAction:ScheduledAction": ["schedule"],
    "aws:lambda/function:Function": ["runtime", "handler", "memorySize", "timeout"],
    "aws:lambda/alias:Alias": ["name"],
    "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig": ["provisionedConcurrentExecutions"],
    "aws:lambda/permission:Permission": ["principal", "sourceArn"],
    "aws:lambda/eventSourceMapping:EventSourceMapping": ["batchSize"],
    "aws:apigatewayv2/route:Route": ["routeKey"],
    "aws:apigatewayv2/integration:Integration": ["integrationType", "payloadFormatVersion"],
    "aws:apigatewayv2/stage:Stage": ["name", "autoDeploy"],
    "aws:cloudwatch/eventRule:EventRule": ["scheduleExpression"],
    "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig": [
        "qualifier",
        "maximumRetryAttempts",
        "maximumEventAgeInSeconds",
    ],
    "aws:eks/nodeGroup:NodeGroup": ["capacityType", "instanceTypes", "scalingConfig.minSize", "scalingConfig.maxSize"],
    "aws:eks/fargateProfile:FargateProfile": ["selectors"],
    "eks:index:Cluster": ["name", "version", "authenticationMode", "endpointPublicAccess"],
    "aws:kms/key:Key": ["enableKeyRotation"],
    "aws:iam/role:Role": [],
    "aws:ec2/eip:Eip": ["domain"],
    "aws:ec2/vpcEndpointService:VpcEndpointService": ["acceptanceRequired", "allowedPrincipals"],
    "kubernetes:helm.sh/v3:Release": ["chart", "version", "namespace"],
    "kubernetes:apps/v1:Deployment": ["metadata.name", "spec.replicas"],
    "kubernetes:core/v1:Service": ["metadata.name", "spec.type"],
    "kubernetes:autoscaling/v2:HorizontalPodAutoscaler": ["spec.minReplicas", "spec.maxReplicas"],
    "kubernetes:policy/v1:PodDisruptionBudget": ["spec.minAvailable", "spec.maxUnavailable"],
    "kubernetes:core/v1:Namespace": ["metadata.name"],
    "kubernetes:networking.istio.io/v1:VirtualService": ["metadata.name", "spec.hosts"],
    "kubernetes:networking.istio.io/v1:DestinationRule": ["metadata.name", "spec.host"],
    "kubernetes:networking.istio.io/v1beta1:VirtualService": ["metadata.name", "spec.hosts"],
    "kubernetes:networking.istio.io/v1beta1:DestinationRule": ["metadata.name", "spec.host"],
    "aws:appmesh/mesh:Mesh": ["name", "spec.egressFilter.type"],
    "aws:appmesh/virtualNode:VirtualNode": ["name", "spec.serviceDiscovery.dns.hostname"],
    "aws:appmesh/virtualRouter:VirtualRouter": ["name"],
    "aws:appmesh/route:Route": ["name", "spec.httpRoute.action.weightedTargets"],
    "aws:appmesh/virtualService:VirtualService": ["name"],
};

function pick(value: PlanValue | undefined, dotted: string): PlanValue | undefined {
    let cur: PlanValue | undefined = value;
    for (const key of dotted.split(".")) {
        if (cur === null || cur === undefined || typeof cur !== "object" || isSecretMarker(cur)) return undefined;
        cur = Array.isArray(cur) ? cur[Number(key)] : (cur as Record<string, PlanValue>)[key];
    }
    return cur;
}

/** One value, short: secrets as `[secret]`, never their contents. */
export function showValue(value: PlanValue | undefined, depth = 0): string {
    if (value === undefined || value === null) return "-";
    if (isSecretMarker(value)) return "[secret]";
    if (typeof value === "string")
        return /^[\w./:*@+-]+$/.test(value) && value.length <= 60
            ? value
            : JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
    if (typeof value !== "object") return String(value);
    if (depth > 2) return "…";
    if (Array.isArray(value)) return `[${value.map((v) => showValue(v, depth + 1)).join(", ")}]`;
    const entries = Object.entries(value).filter(([, v]) => v !== null && !(Array.isArray(v) && v.length === 0));
    return `{${entries.map(([k, v]) => `${k}: ${showValue(v, depth + 1)}`).join(", ")}}`;
}

function keyInputs(r: PlannedResource): string {
    const keys = KEY_INPUTS[r.type] ?? [];
    const parts: string[] = [];
    for (const key of keys) {
        const v = pick(r.inputs, key);
        if (v === undefined || v === null) continue;
        parts.push(`${key}=${showValue(v)}`);
    }
    if (r.options.ignoreChanges) parts.push(`ignoreChanges=[${r.options.ignoreChanges.join(",")}]`);
    return parts.join(" ");
}

/** Resources by parent URN, in registration order. */
export function childIndex(plan: Plan): Map<string, PlannedResource[]> {
    const byParent = new Map<string, PlannedResource[]>();
    for (const r of plan.resources) {
        const key = r.parent ?? plan.rootUrn;
        const list = byParent.get(key) ?? [];
        list.push(r);
        byParent.set(key, list);
    }
    return byParent;
}

/** A summary line counting resources per type, most frequent first. */
export function summaryLine(plan: Plan): string {
    const counts = new Map<string, number>();
    for (const r of plan.resources) counts.set(r.type, (counts.get(r.type) ?? 0) + 1);
    const parts = [...counts.entries()]
        .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
        .map(([t, n]) => `${n} ${t}`);
    return `${plan.resources.length} resources: ${parts.join(", ")}`;
}

/** The resource tree: each component with its children, type, name and the inputs that matter. */
export function renderTree(plan: Plan): string {
    const byParent = childIndex(plan);
    const lines: string[] = [`${plan.project} (stack ${plan.stack})`];
    const walk = (parentUrn: string, indent: string) => {
        const kids = byParent.get(parentUrn) ?? [];
        kids.forEach((r, i) => {
            const last = i === kids.length - 1;
            const extra = keyInputs(r);
            lines.push(`${indent}${last ? "└─ " : "├─ "}${r.type}  ${r.name}${extra ? `  ${extra}` : ""}`);
            walk(r.urn, indent + (last ? "   " : "│  "));
        });
    };
    walk(plan.rootUrn, "");
    const outputs = Object.entries(plan.outputs);
    if (outputs.length > 0) {
        lines.push("", "Outputs:");
        for (const [k, v] of outputs) lines.push(`  ${k}: ${showValue(v)}`);
    }
    lines.push("", summaryLine(plan));
    return lines.join("\n");
}

/** The plan as JSON, for `plan diff`. Secrets are digests only. */
export function renderJson(plan: Plan): string {
    return JSON.stringify(plan, null, 2);
}
