import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";
import { childName, planContext } from "../../../src/core";
import type { AppMeshServiceArgs } from "./args";
import { planAppMeshService } from "./plan";

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
 * mesh tier's README for the mapping.
 */
export class AppMeshService extends pulumi.ComponentResource {
    /** The type token; never changes once released. */
    static readonly TYPE = "compute-layer:index:AppMeshService";

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
        const plan = planAppMeshService(name, args, planContext());
        super(AppMeshService.TYPE, name, {}, opts);
        for (const warning of plan.warnings) pulumi.log.warn(warning, this);

        if (plan.mesh) this.mesh = new aws.appmesh.Mesh(childName(name, "mesh"), plan.mesh, { parent: this });
        // Every child reads the mesh name from the created mesh, so it waits for it.
        const meshName = this.mesh ? this.mesh.name : plan.virtualRouter.meshName;
        this.meshName = pulumi.output(meshName);

        this.virtualNodes = Object.fromEntries(
            Object.entries(plan.virtualNodes).map(([version, node]) => [
                version,
                new aws.appmesh.VirtualNode(childName(name, version), { ...node, meshName }, { parent: this }),
            ]),
        );
        this.virtualRouter = new aws.appmesh.VirtualRouter(
            childName(name, "router"),
            { ...plan.virtualRouter, meshName },
            { parent: this },
        );
        // The route's weighted targets name the virtual nodes, so it waits for them.
        this.route = new aws.appmesh.Route(
            childName(name, "route"),
            { ...plan.route, meshName, virtualRouterName: this.virtualRouter.name },
            { parent: this, dependsOn: Object.values(this.virtualNodes) },
        );
        this.virtualService = new aws.appmesh.VirtualService(
            childName(name, "service"),
            {
                ...plan.virtualService,
                meshName,
                spec: { provider: { virtualRouter: { virtualRouterName: this.virtualRouter.name } } },
            },
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
