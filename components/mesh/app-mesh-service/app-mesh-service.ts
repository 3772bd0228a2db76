import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, defaultTags } from "../../../src/core";
import { AppMeshServiceArgs } from "./args";
import { AppMeshServicePlan, planAppMeshService } from "./plan";

type ListenerTimeout = aws.types.input.appmesh.VirtualNodeSpecListenerTimeout;
type RouteSpec = aws.types.input.appmesh.RouteSpec;

function listenerTimeout(plan: AppMeshServicePlan): ListenerTimeout | undefined {
    if (!plan.timeout) return undefined;
    if (plan.protocol === "tcp") return plan.timeout.idle ? { tcp: { idle: plan.timeout.idle } } : undefined;
    return { [plan.protocol]: plan.timeout };
}

function routeSpec(plan: AppMeshServicePlan, nodes: aws.appmesh.VirtualNode[]): RouteSpec {
    const action = { weightedTargets: plan.nodes.map((n, i) => ({ virtualNode: nodes[i].name, weight: n.weight })) };
    const priority = plan.routePriority !== undefined ? { priority: plan.routePriority } : {};
    const retryPolicy = plan.retryPolicy ? { retryPolicy: plan.retryPolicy } : {};
    switch (plan.protocol) {
        case "tcp":
            return { ...priority, tcpRoute: { action, ...(plan.timeout?.idle ? { timeout: { idle: plan.timeout.idle } } : {}) } };
        case "grpc":
            return { ...priority, grpcRoute: { action, ...retryPolicy, ...(plan.timeout ? { timeout: plan.timeout } : {}) } };
        case "http2":
            return { ...priority, http2Route: { match: { prefix: plan.routePrefix ?? "/" }, action, ...retryPolicy, ...(plan.timeout ? { timeout: plan.timeout } : {}) } };
        default:
            return { ...priority, httpRoute: { match: { prefix: plan.routePrefix ?? "/" }, action, ...retryPolicy, ...(plan.timeout ? { timeout: plan.timeout } : {}) } };
    }
}

/**
 * An App Mesh service with weighted versions (a canary): a virtual node per version (listener,
 * health check, DNS service discovery, backends), a virtual router, a route whose weighted
 * targets split the traffic (with retries and timeouts), and the virtual service that callers
 * address, provided by the router. It can create the mesh too.
 *
 * Every argument is checked against App Mesh's documented limits before anything is registered.
 * It logs a deprecation warning each time it is constructed.
 *
 * @deprecated AWS ended support for App Mesh on 2026-09-30. It stays for teams still running on
 * App Mesh. Migrate to ECS Service Connect (EcsService) for ECS services, or to Istio on EKS
 * (IstioTrafficPolicy, which expresses the same weighted canary, retries and timeouts); see the
 * README's service-mesh section for the mapping.
 */
export class AppMeshService extends pulumi.ComponentResource {
    /** The mesh, when `createMesh` is true. */
    readonly mesh?: aws.appmesh.Mesh;
    /** The name of the mesh the resources live in. */
    readonly meshName: pulumi.Output<string>;
    /** A virtual node per version, by version name. */
    readonly virtualNodes: Record<string, aws.appmesh.VirtualNode>;
    /** The virtual router. */
    readonly virtualRouter: aws.appmesh.VirtualRouter;
    /** The route with the weighted targets. */
    readonly route: aws.appmesh.Route;
    /** The virtual service callers address, provided by the router. */
    readonly virtualService: aws.appmesh.VirtualService;

    constructor(name: string, args: AppMeshServiceArgs, opts?: pulumi.ComponentResourceOptions) {
        const plan = planAppMeshService(name, args);
        super("compute-layer:index:AppMeshService", name, {}, opts);
        for (const warning of plan.warnings) pulumi.log.warn(warning, this);

        const tags = defaultTags(name, args.tags);
        if (plan.createMeshName !== undefined) {
            this.mesh = new aws.appmesh.Mesh(childName(name, "mesh"), { name: plan.createMeshName, spec: { egressFilter: { type: "DROP_ALL" } }, tags }, { parent: this });
        }
        const meshName: pulumi.Input<string> = this.mesh ? this.mesh.name : plan.meshName!;
        this.meshName = pulumi.output(meshName);

        const timeout = listenerTimeout(plan);
        const nodes = plan.nodes.map(
            (n) =>
                new aws.appmesh.VirtualNode(
                    childName(name, n.version),
                    {
                        name: n.nodeName,
                        meshName,
                        spec: {
                            listeners: [
                                {
                                    portMapping: { port: plan.port, protocol: plan.protocol },
                                    ...(n.healthCheck ? { healthCheck: n.healthCheck } : {}),
                                    ...(timeout ? { timeout } : {}),
                                },
                            ],
                            serviceDiscovery: { dns: { hostname: n.hostname } },
                            backends: plan.backends.map((b) => ({ virtualService: { virtualServiceName: b } })),
                        },
                        tags,
                    },
                    { parent: this },
                ),
        );
        this.virtualNodes = Object.fromEntries(plan.nodes.map((n, i) => [n.version, nodes[i]]));

        this.virtualRouter = new aws.appmesh.VirtualRouter(
            childName(name, "router"),
            { name: plan.routerName, meshName, spec: { listeners: [{ portMapping: { port: plan.port, protocol: plan.protocol } }] }, tags },
            { parent: this },
        );
        this.route = new aws.appmesh.Route(
            childName(name, "route"),
            { name: plan.routeName, meshName, virtualRouterName: this.virtualRouter.name, spec: routeSpec(plan, nodes), tags },
            { parent: this },
        );
        this.virtualService = new aws.appmesh.VirtualService(
            childName(name, "service"),
            { name: plan.serviceName, meshName, spec: { provider: { virtualRouter: { virtualRouterName: this.virtualRouter.name } } }, tags },
            { parent: this, dependsOn: [this.route] },
        );

        this.registerOutputs({
            meshName: this.meshName,
            virtualNodes: this.virtualNodes,
            virtualRouter: this.virtualRouter,
            route: this.route,
            virtualService: this.virtualService,
        });
    }
}
