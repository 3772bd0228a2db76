/**
 * Counts an autoscaler owns: a deployment must not reset them.
 */
import type { PolicyResource, StackValidationPolicy } from "@pulumi/policy";
import { podTemplateOf } from "../pod-security";
import { asObj, asStr, at, isTrue, ofTypes, refersTo, stackRule, T } from "./common";

/** Whether `ignoreChanges` covers a property path (the path itself, a parent of it, or `*`). */
export function ignores(ignoreChanges: readonly string[] | undefined, path: string): boolean {
    return (ignoreChanges ?? []).some((p) => p === "*" || p === path || path.startsWith(`${p}.`));
}

interface Owned {
    resource: PolicyResource;
    path: string;
    owner: string;
}

/** Every count in the stack that an autoscaler owns, with the property that holds it. */
export function autoscalerOwnedCounts(resources: PolicyResource[]): Owned[] {
    const out: Owned[] = [];
    const policies = ofTypes(resources, T.autoScalingPolicy);
    const schedules = ofTypes(resources, T.autoScalingSchedule);
    const targets = ofTypes(resources, T.appAutoScalingTarget);

    for (const asg of ofTypes(resources, T.autoScalingGroup)) {
        if (asg.props.desiredCapacity === undefined) continue;
        const ids = [asg.props.name, asg.props.id, asg.props.arn];
        const policy = policies.find((p) => refersTo(p, asg, p.props.autoscalingGroupName, ids));
        const schedule = schedules.find(
            (s) => refersTo(s, asg, s.props.autoscalingGroupName, ids) && s.props.desiredCapacity !== undefined,
        );
        if (policy) out.push({ resource: asg, path: "desiredCapacity", owner: `scaling policy ${policy.name}` });
        else if (schedule)
            out.push({ resource: asg, path: "desiredCapacity", owner: `scheduled action ${schedule.name}` });
    }

    for (const svc of ofTypes(resources, T.ecsService)) {
        if (svc.props.desiredCount === undefined) continue;
        const target = targets.find(
            (t) => asStr(t.props.serviceNamespace) === "ecs" && refersTo(t, svc, t.props.resourceId, [svc.props.name]),
        );
        if (target)
            out.push({ resource: svc, path: "desiredCount", owner: `Application Auto Scaling target ${target.name}` });
    }

    for (const pcc of ofTypes(resources, T.lambdaProvisionedConcurrency)) {
        const id = `function:${asStr(pcc.props.functionName) ?? ""}:${asStr(pcc.props.qualifier) ?? ""}`;
        const target = targets.find(
            (t) =>
                asStr(t.props.serviceNamespace) === "lambda" &&
                (asStr(t.props.resourceId) === id || t.dependencies?.some((d) => d.urn === pcc.urn)),
        );
        if (target)
            out.push({
                resource: pcc,
                path: "provisionedConcurrentExecutions",
                owner: `Application Auto Scaling target ${target.name}`,
            });
    }

    const clusterAutoscaler = ofTypes(resources, T.k8sDeployment, T.helmRelease, T.helmChartV4).some((r) =>
        /cluster-autoscaler|karpenter/.test(
            `${asStr(at(r.props, "metadata.name")) ?? ""} ${asStr(r.props.chart) ?? ""}`,
        ),
    );
    for (const ng of ofTypes(resources, T.eksNodeGroup)) {
        if (at(ng.props, "scalingConfig.desiredSize") === undefined) continue;
        const tagged = isTrue(asObj(ng.props.tags)?.["k8s.io/cluster-autoscaler/enabled"]);
        if (tagged || clusterAutoscaler)
            out.push({ resource: ng, path: "scalingConfig.desiredSize", owner: "the cluster autoscaler" });
    }

    for (const hpa of ofTypes(resources, T.k8sHpa)) {
        const ns = asStr(at(hpa.props, "metadata.namespace")) ?? "default";
        const ref = asObj(at(hpa.props, "spec.scaleTargetRef")) ?? {};
        const target = resources.find(
            (w) =>
                w.type.startsWith("kubernetes:apps/") &&
                asStr(w.props.kind) === asStr(ref.kind) &&
                asStr(at(w.props, "metadata.name")) === asStr(ref.name) &&
                (asStr(at(w.props, "metadata.namespace")) ?? "default") === ns,
        );
        if (target && podTemplateOf(target.props) && at(target.props, "spec.replicas") !== undefined) {
            out.push({
                resource: target,
                path: "spec.replicas",
                owner: `HorizontalPodAutoscaler ${ns}/${asStr(at(hpa.props, "metadata.name")) ?? hpa.name}`,
            });
        }
    }
    return out;
}

export const autoscalerCountsIgnored: StackValidationPolicy = stackRule({
    name: "autoscaler-counts-ignored",
    description:
        "A count that a scaling policy or autoscaler owns (an Auto Scaling group's desiredCapacity, an ECS service's " +
        "desiredCount, a node group's desiredSize, a Deployment's replicas under an HPA, provisioned concurrency under " +
        "Application Auto Scaling) must be in the resource's ignoreChanges. Otherwise every deployment resets it to the " +
        "program's value, scaling a loaded service down in the middle of a peak.",
    enforcementLevel: "mandatory",
    remediationSteps:
        "Add the property to the resource's ignoreChanges option (the components do whenever they create the autoscaler).",
    check: (resources, _args, report) => {
        for (const o of autoscalerOwnedCounts(resources)) {
            if (!ignores(o.resource.opts?.ignoreChanges, o.path)) {
                report(
                    `${o.path} is owned by ${o.owner} but is not in ignoreChanges: every deployment resets it`,
                    o.resource.urn,
                );
            }
        }
    },
});
