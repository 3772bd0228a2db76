import { nearestComponent } from "./diff";
import { isSecretMarker, type Plan, type PlannedResource, type PlanValue } from "./types";

/**
 * `plan --format mermaid`: a picture of a plan as a mermaid flowchart. Components are boxes
 * (subgraphs, nested as the components are) holding their main children: load balancers,
 * listener rules, target groups, services, groups, functions, APIs, clusters and node groups,
 * Kubernetes workloads, HPAs and mesh routes. Security groups, IAM, alarms and the like are
 * left out so the picture stays readable for a whole environment.
 *
 * Edges follow the traffic: load balancer → listener rule → target group → service, group or
 * function (a rule that answers itself says so: `→ fixed 503`); API → function; HPA → the
 * workload it scales; mesh route → subsets or virtual nodes, with their weights. References are
 * resolved through the identifying outputs the plan keeps per resource (`PlannedResource.outputs`):
 * a rule's `targetGroupArn` is a target group's `arn`.
 */

type Obj = { [key: string]: PlanValue };

function obj(v: PlanValue | undefined): Obj | undefined {
    return typeof v === "object" && v !== null && !Array.isArray(v) && !isSecretMarker(v) ? v : undefined;
}

function list(v: PlanValue | undefined): PlanValue[] {
    return Array.isArray(v) ? v : [];
}

function str(v: PlanValue | undefined): string | undefined {
    return typeof v === "string" ? v : undefined;
}

function num(v: PlanValue | undefined): number | undefined {
    return typeof v === "number" ? v : undefined;
}

/** Reads a nested value by keys. */
function at(v: PlanValue | undefined, ...keys: (string | number)[]): PlanValue | undefined {
    let cur = v;
    for (const k of keys) {
        if (typeof k === "number") cur = Array.isArray(cur) ? cur[k] : undefined;
        else cur = obj(cur)?.[k];
    }
    return cur;
}

const LB_TYPES = new Set(["aws:lb/loadBalancer:LoadBalancer", "aws:alb/loadBalancer:LoadBalancer"]);
const LISTENER_TYPES = new Set(["aws:lb/listener:Listener", "aws:alb/listener:Listener"]);
const RULE_TYPES = new Set(["aws:lb/listenerRule:ListenerRule", "aws:alb/listenerRule:ListenerRule"]);
const TG_TYPES = new Set(["aws:lb/targetGroup:TargetGroup", "aws:alb/targetGroup:TargetGroup"]);
const WORKLOAD_KINDS = new Set(["Deployment", "StatefulSet", "DaemonSet"]);

function isIstio(r: PlannedResource, kind: string): boolean {
    return r.type.startsWith("kubernetes:networking.istio.io/") && r.type.endsWith(`:${kind}`);
}

function k8sKind(type: string): string | undefined {
    return type.startsWith("kubernetes:") ? type.split(":")[2] : undefined;
}

function isWorkload(r: PlannedResource): boolean {
    return /^kubernetes:apps\/v1:/.test(r.type) && WORKLOAD_KINDS.has(k8sKind(r.type) ?? "");
}

function isHpa(r: PlannedResource): boolean {
    return /^kubernetes:autoscaling\/v\d\w*:HorizontalPodAutoscaler$/.test(r.type);
}

/** The kind line of a node's label, for the resource types the picture draws; undefined for the rest. */
function kindLabel(r: PlannedResource): string | undefined {
    const i = r.inputs;
    if (LB_TYPES.has(r.type)) {
        const t = str(i.loadBalancerType) ?? "application";
        return `${t === "network" ? "NLB" : t === "gateway" ? "GWLB" : "ALB"}${i.internal === true ? " (internal)" : ""}`;
    }
    if (RULE_TYPES.has(r.type))
        return `rule ${num(i.priority) ?? ""}${ruleConditions(r) ? `: ${ruleConditions(r)}` : ""}${authentication(r.inputs.actions)}${terminalAction(r.inputs.actions)}`.trim();
    if (TG_TYPES.has(r.type)) {
        const port = num(i.port);
        return `target group${str(i.protocol) ? ` ${str(i.protocol)}${port !== undefined ? `:${port}` : ""}` : ""}${str(i.targetType) === "lambda" ? " (lambda)" : ""}`;
    }
    switch (r.type) {
        case "aws:ec2/vpcEndpointService:VpcEndpointService":
            return `PrivateLink service${i.acceptanceRequired === false ? "" : " (acceptance required)"}`;
        case "aws:ec2/vpcEndpoint:VpcEndpoint":
            return str(i.vpcEndpointType) === "GatewayLoadBalancer" ? "GWLB endpoint" : undefined;
        case "aws:ecs/cluster:Cluster":
            return "ECS cluster";
        case "aws:ecs/service:Service":
            return "ECS service";
        case "aws:autoscaling/group:Group":
            return "Auto Scaling group";
        case "aws:lambda/function:Function":
            return "Lambda function";
        case "aws:apigatewayv2/api:Api":
            return `${str(i.protocolType) ?? "HTTP"} API`;
        case "aws:apigateway/restApi:RestApi":
            return "REST API";
        case "aws:eks/cluster:Cluster":
        case "eks:index:Cluster":
            return "EKS cluster";
        case "aws:eks/nodeGroup:NodeGroup":
            return "node group";
        case "aws:eks/fargateProfile:FargateProfile":
            return "Fargate profile";
        case "kubernetes:core/v1:Service":
            return "Service";
        case "aws:appmesh/virtualRouter:VirtualRouter":
            return "virtual router";
        case "aws:appmesh/route:Route":
            return "mesh route";
        case "aws:appmesh/virtualNode:VirtualNode":
            return "virtual node";
    }
    if (isWorkload(r)) return k8sKind(r.type);
    if (isHpa(r)) {
        const min = num(at(i, "spec", "minReplicas"));
        const max = num(at(i, "spec", "maxReplicas"));
        return `HPA${max !== undefined ? ` ${min ?? 1}–${max}` : ""}`;
    }
    if (isIstio(r, "VirtualService")) return "VirtualService";
    return undefined;
}

/**
 * What a rule that forwards nowhere answers itself, so that it does not look like a dead end:
 * ` → fixed 503`, ` → redirect 301`. Empty when the rule forwards (its edges show where).
 */
function terminalAction(actions: PlanValue | undefined): string {
    const all = list(actions);
    if (all.some((a) => str(at(a, "type")) === "forward")) return "";
    for (const a of all) {
        const type = str(at(a, "type"));
        if (type === "fixed-response") return ` → fixed ${str(at(a, "fixedResponse", "statusCode")) ?? ""}`.trimEnd();
        if (type === "redirect")
            return ` → redirect ${(str(at(a, "redirect", "statusCode")) ?? "").replace(/^HTTP_/, "")}`.trimEnd();
    }
    return "";
}

/**
 * Who must sign in before a listener or rule serves a request, as its label says it:
 * ` · OIDC login.example.com`, ` · Cognito`. Empty when the actions authenticate no one.
 */
function authentication(actions: PlanValue | undefined): string {
    for (const a of list(actions)) {
        const type = str(at(a, "type"));
        if (type === "authenticate-oidc") {
            const issuer = str(at(a, "authenticateOidc", "issuer")) ?? "";
            return ` · OIDC ${issuer.replace(/^https:\/\//, "").replace(/\/.*$/, "")}`.trimEnd();
        }
        if (type === "authenticate-cognito") return " · Cognito";
    }
    return "";
}

/** The host and path conditions of a listener rule, short. */
function ruleConditions(r: PlannedResource): string {
    const parts: string[] = [];
    for (const c of list(r.inputs.conditions)) {
        for (const [key, show] of [
            ["hostHeader", (v: string) => v],
            ["pathPattern", (v: string) => v],
        ] as const) {
            const values = list(at(c, key, "values")).filter((v): v is string => typeof v === "string");
            if (values.length > 0) parts.push(values.map(show).join(" "));
        }
        const header = str(at(c, "httpHeader", "httpHeaderName"));
        if (header)
            parts.push(
                `${header}: ${list(at(c, "httpHeader", "values"))
                    .filter((v) => typeof v === "string")
                    .join(" ")}`,
            );
    }
    const text = parts.join(" ");
    return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

interface Node {
    id: string;
    /** The URN of the resource, or a synthetic key for mesh subsets. */
    key: string;
    label: string;
    shape: [string, string];
    /** The URN of the component box it is drawn in; the root for top-level nodes. */
    box: string;
}

interface Edge {
    from: string;
    to: string;
    label?: string;
}

/** Escapes label text for a quoted mermaid label. */
export function mermaidText(text: string): string {
    return text.replace(/[#"<>&]/g, (c) => `#${c.charCodeAt(0)};`);
}

function shapeOf(r: PlannedResource): [string, string] {
    if (LB_TYPES.has(r.type)) return ["([", "])"];
    if (RULE_TYPES.has(r.type) || r.type === "aws:appmesh/route:Route" || isIstio(r, "VirtualService"))
        return ["(", ")"];
    if (isHpa(r)) return ["{{", "}}"];
    if (r.type === "aws:apigatewayv2/api:Api" || r.type === "aws:apigateway/restApi:RestApi") return ["[/", "/]"];
    return ["[", "]"];
}

/** Renders a plan as a mermaid flowchart. */
export function renderMermaid(plan: Plan): string {
    const byUrn = new Map(plan.resources.map((r) => [r.urn, r]));
    // Every walk goes in URN order, so the picture is the same however registration interleaved.
    const sorted = [...plan.resources].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
    const componentOf = (r: PlannedResource): string => nearestComponent(byUrn, r)?.urn ?? plan.rootUrn;

    // References: any identifying output (id, arn, invokeArn, ...) back to its resource.
    const byRef = new Map<string, PlannedResource>();
    for (const r of sorted) {
        for (const [k, v] of Object.entries(r.outputs ?? {}))
            if (k !== "name" && k !== "metadata.name" && !byRef.has(v)) byRef.set(v, r);
    }
    const ref = (v: PlanValue | undefined): PlannedResource | undefined =>
        typeof v === "string" ? byRef.get(v) : undefined;
    const nameOf = (r: PlannedResource): string | undefined => str(r.inputs.name) ?? r.outputs?.name;
    const functions = sorted.filter((r) => r.type === "aws:lambda/function:Function");
    const fnOf = (v: PlanValue | undefined, depth = 0): PlannedResource | undefined => {
        if (typeof v !== "string" || depth > 3) return undefined;
        const direct = ref(v);
        if (direct?.type === "aws:lambda/function:Function") return direct;
        if (direct?.type === "aws:lambda/alias:Alias") return fnOf(str(direct.inputs.functionName), depth + 1);
        const inner = /\/functions\/(.+)\/invocations$/.exec(v)?.[1];
        if (inner) return fnOf(inner, depth + 1);
        const unqualified = /^(arn:[^:]+:lambda:[^:]+:[^:]+:function:[^:]+):[^:]+$/.exec(v)?.[1];
        if (unqualified) return fnOf(unqualified, depth + 1);
        return functions.find((f) => nameOf(f) === v || f.outputs?.arn === v);
    };
    const ns = (r: PlannedResource): string => str(at(r.inputs, "metadata", "namespace")) ?? "default";
    const k8sName = (r: PlannedResource): string | undefined =>
        str(at(r.inputs, "metadata", "name")) ?? r.outputs?.["metadata.name"];
    const workloads = sorted.filter(isWorkload);
    const services = sorted.filter((r) => r.type === "kubernetes:core/v1:Service");
    const matches = (selector: Obj | undefined, labels: Obj | undefined): boolean =>
        !!selector && Object.keys(selector).length > 0 && Object.entries(selector).every(([k, v]) => labels?.[k] === v);
    const podLabels = (w: PlannedResource): Obj | undefined =>
        obj(at(w.inputs, "spec", "template", "metadata", "labels"));

    // Nodes.
    const nodes = new Map<string, Node>();
    for (const r of sorted) {
        const kind = kindLabel(r);
        if (kind === undefined) continue;
        nodes.set(r.urn, {
            id: `n${nodes.size + 1}`,
            key: r.urn,
            label: `${kind}<br/>${r.name}`,
            shape: shapeOf(r),
            box: componentOf(r),
        });
    }
    const edges: Edge[] = [];
    const seen = new Set<string>();
    const edge = (from: PlannedResource | Node | undefined, to: PlannedResource | Node | undefined, label?: string) => {
        const a = from && ("urn" in from ? nodes.get(from.urn) : from);
        const b = to && ("urn" in to ? nodes.get(to.urn) : to);
        if (!a || !b || a === b) return;
        const key = `${a.id}>${b.id}>${label ?? ""}`;
        if (seen.has(key)) return;
        seen.add(key);
        edges.push({ from: a.id, to: b.id, label });
    };

    // Load balancer → (default) target group, → listener rule → target group.
    const forwardTargets = (actions: PlanValue | undefined): { tg: PlannedResource | undefined; weight?: number }[] => {
        const out: { tg: PlannedResource | undefined; weight?: number }[] = [];
        for (const a of list(actions)) {
            if (str(at(a, "type")) !== "forward") continue;
            const single = str(at(a, "targetGroupArn"));
            if (single) out.push({ tg: ref(single) });
            const weighted = list(at(a, "forward", "targetGroups"));
            for (const t of weighted)
                out.push({ tg: ref(at(t, "arn")), weight: weighted.length > 1 ? num(at(t, "weight")) : undefined });
        }
        return out;
    };
    const listenerLabel = (l: PlannedResource): string =>
        [str(l.inputs.protocol), num(l.inputs.port)].filter((x) => x !== undefined).join(":");
    for (const r of sorted) {
        if (LISTENER_TYPES.has(r.type)) {
            const lb = ref(r.inputs.loadBalancerArn);
            for (const t of forwardTargets(r.inputs.defaultActions))
                edge(
                    lb,
                    t.tg,
                    [
                        `${listenerLabel(r)} default${authentication(r.inputs.defaultActions)}`.trim(),
                        t.weight !== undefined ? `weight ${t.weight}` : "",
                    ]
                        .filter((x) => x)
                        .join(", "),
                );
        } else if (RULE_TYPES.has(r.type)) {
            const listener = ref(r.inputs.listenerArn);
            if (listener) edge(ref(listener.inputs.loadBalancerArn), r, listenerLabel(listener) || undefined);
            for (const t of forwardTargets(r.inputs.actions))
                edge(r, t.tg, t.weight !== undefined ? `weight ${t.weight}` : undefined);
        } else if (r.type === "aws:ec2/vpcEndpointService:VpcEndpointService") {
            for (const lb of [...list(r.inputs.networkLoadBalancerArns), ...list(r.inputs.gatewayLoadBalancerArns)])
                edge(ref(lb), r, "PrivateLink");
        } else if (r.type === "aws:ec2/vpcEndpoint:VpcEndpoint") {
            const service = sorted.find(
                (x) =>
                    x.type === "aws:ec2/vpcEndpointService:VpcEndpointService" &&
                    x.outputs?.serviceName !== undefined &&
                    x.outputs.serviceName === str(r.inputs.serviceName),
            );
            edge(r, service, "inspects via");
        } else if (r.type === "aws:ecs/service:Service") {
            for (const lb of list(r.inputs.loadBalancers)) edge(ref(at(lb, "targetGroupArn")), r);
        } else if (r.type === "aws:autoscaling/group:Group") {
            for (const tg of list(r.inputs.targetGroupArns)) edge(ref(tg), r);
        } else if (r.type === "aws:autoscaling/attachment:Attachment") {
            const asg = sorted.find(
                (g) => g.type === "aws:autoscaling/group:Group" && nameOf(g) === str(r.inputs.autoscalingGroupName),
            );
            edge(ref(r.inputs.lbTargetGroupArn), asg);
        } else if (
            r.type === "aws:lb/targetGroupAttachment:TargetGroupAttachment" ||
            r.type === "aws:alb/targetGroupAttachment:TargetGroupAttachment"
        ) {
            edge(ref(r.inputs.targetGroupArn), fnOf(r.inputs.targetId) ?? ref(r.inputs.targetId));
        } else if (r.type === "aws:apigatewayv2/integration:Integration") {
            const integrationId = r.outputs?.id;
            const routes = sorted
                .filter(
                    (x) =>
                        x.type === "aws:apigatewayv2/route:Route" &&
                        integrationId !== undefined &&
                        x.inputs.target === `integrations/${integrationId}`,
                )
                .map((x) => {
                    const key = str(x.inputs.routeKey);
                    const auth = str(x.inputs.authorizationType);
                    return key && auth && auth !== "NONE" ? `${key} (${auth})` : key;
                })
                .filter((k): k is string => k !== undefined)
                .sort();
            const label =
                routes.length > 3 ? `${routes.slice(0, 3).join(", ")} +${routes.length - 3}` : routes.join(", ");
            edge(ref(r.inputs.apiId), fnOf(r.inputs.integrationUri), label || undefined);
        } else if (r.type === "aws:apigatewayv2/api:Api" && str(r.inputs.target) !== undefined) {
            // Quick create: the API's own `target` is its default route's integration.
            edge(r, fnOf(r.inputs.target), "$default");
        } else if (r.type === "aws:apigateway/integration:Integration") {
            edge(ref(r.inputs.restApi), fnOf(r.inputs.uri));
        } else if (r.type.startsWith("kubernetes:elbv2.k8s.aws/") && r.type.endsWith(":TargetGroupBinding")) {
            const svcName = str(at(r.inputs, "spec", "serviceRef", "name"));
            edge(
                ref(at(r.inputs, "spec", "targetGroupARN")),
                services.find((s) => k8sName(s) === svcName && ns(s) === ns(r)),
            );
        } else if (r.type === "kubernetes:core/v1:Service") {
            for (const w of workloads)
                if (ns(w) === ns(r) && matches(obj(at(r.inputs, "spec", "selector")), podLabels(w))) edge(r, w);
        } else if (isHpa(r)) {
            const target = obj(at(r.inputs, "spec", "scaleTargetRef"));
            edge(
                r,
                workloads.find(
                    (w) => ns(w) === ns(r) && k8sKind(w.type) === str(target?.kind) && k8sName(w) === str(target?.name),
                ),
                "scales",
            );
        } else if (r.type === "aws:appmesh/route:Route") {
            const router = sorted.find(
                (x) =>
                    x.type === "aws:appmesh/virtualRouter:VirtualRouter" &&
                    nameOf(x) === str(r.inputs.virtualRouterName) &&
                    x.inputs.meshName === r.inputs.meshName,
            );
            edge(router, r);
            for (const kind of ["httpRoute", "http2Route", "grpcRoute", "tcpRoute"]) {
                for (const t of list(at(r.inputs, "spec", kind, "action", "weightedTargets"))) {
                    const vn = sorted.find(
                        (x) =>
                            x.type === "aws:appmesh/virtualNode:VirtualNode" &&
                            nameOf(x) === str(at(t, "virtualNode")) &&
                            x.inputs.meshName === r.inputs.meshName,
                    );
                    const w = num(at(t, "weight"));
                    edge(r, vn, w !== undefined ? `weight ${w}` : undefined);
                }
            }
        }
    }

    // Istio: VirtualService → subsets (or Services) with weights; subset → the workloads its labels select.
    const hostOf = (host: string, defaultNs: string): { name: string; ns: string } => {
        const [name, hostNs] = host.split(".");
        return { name, ns: hostNs ?? defaultNs };
    };
    const destinationRules = sorted.filter((r) => isIstio(r, "DestinationRule"));
    for (const vs of sorted.filter((r) => isIstio(r, "VirtualService"))) {
        for (const http of list(at(vs.inputs, "spec", "http"))) {
            for (const route of list(at(http, "route"))) {
                const host = str(at(route, "destination", "host"));
                if (!host) continue;
                const h = hostOf(host, ns(vs));
                const subset = str(at(route, "destination", "subset"));
                const weight = num(at(route, "weight"));
                const label = weight !== undefined ? `${weight}%` : undefined;
                if (!subset) {
                    edge(
                        vs,
                        services.find((s) => k8sName(s) === h.name && ns(s) === h.ns),
                        label,
                    );
                    continue;
                }
                const key = `subset:${h.ns}/${h.name}/${subset}`;
                const dr = destinationRules.find(
                    (d) =>
                        hostOf(str(at(d.inputs, "spec", "host")) ?? "", ns(d)).name === h.name &&
                        hostOf(str(at(d.inputs, "spec", "host")) ?? "", ns(d)).ns === h.ns,
                );
                let node = nodes.get(key);
                if (!node) {
                    node = {
                        id: `n${nodes.size + 1}`,
                        key,
                        label: `subset ${subset}<br/>${h.name}`,
                        shape: ["[[", "]]"],
                        box: componentOf(dr ?? vs),
                    };
                    nodes.set(key, node);
                    const labels = obj(
                        list(at(dr?.inputs, "spec", "subsets"))
                            .map(obj)
                            .find((s) => s?.name === subset)?.labels,
                    );
                    for (const w of workloads) if (ns(w) === h.ns && matches(labels, podLabels(w))) edge(node, w);
                }
                edge(vs, node, label);
            }
        }
    }

    return layout(plan, byUrn, [...nodes.values()], edges);
}

/** Writes the flowchart: nested component boxes with their nodes, then the edges. */
function layout(plan: Plan, byUrn: Map<string, PlannedResource>, nodes: Node[], edges: Edge[]): string {
    const lines = [
        "flowchart LR",
        `%% ${plan.project} (stack ${plan.stack}): offline plan, main resources and traffic`,
    ];
    const nodesIn = new Map<string, Node[]>();
    for (const n of nodes) nodesIn.set(n.box, [...(nodesIn.get(n.box) ?? []), n]);
    // The component boxes that hold a node, directly or below.
    const boxes = new Set<string>();
    const childBoxes = new Map<string, string[]>();
    for (const n of nodes) {
        let cur: string | undefined = n.box;
        while (cur && cur !== plan.rootUrn && !boxes.has(cur)) {
            boxes.add(cur);
            const parent: string = nearestComponent(byUrn, byUrn.get(cur))?.urn ?? plan.rootUrn;
            childBoxes.set(parent, [...(childBoxes.get(parent) ?? []), cur]);
            cur = parent;
        }
    }
    const boxIds = new Map([...boxes].sort().map((urn, i) => [urn, `g${i + 1}`]));
    const emit = (box: string, indent: string) => {
        for (const n of (nodesIn.get(box) ?? []).sort((a, b) => (a.key < b.key ? -1 : 1))) {
            lines.push(
                `${indent}${n.id}${n.shape[0]}"${mermaidText(n.label).replace(/#60;br\/#62;/g, "<br/>")}"${n.shape[1]}`,
            );
        }
        for (const child of (childBoxes.get(box) ?? []).sort()) {
            const r = byUrn.get(child);
            const title = r ? `${r.type.split(":").pop() ?? r.type} ${r.name}` : child;
            lines.push(`${indent}subgraph ${boxIds.get(child)}["${mermaidText(title)}"]`);
            emit(child, `${indent}  `);
            lines.push(`${indent}end`);
        }
    };
    emit(plan.rootUrn, "  ");
    if (nodes.length === 0) lines.push(`  empty["no load balancers, services, functions or clusters in this plan"]`);
    for (const e of edges) lines.push(`  ${e.from} -->${e.label ? `|"${mermaidText(e.label)}"|` : ""} ${e.to}`);
    return lines.join("\n");
}
