import type * as pulumi from "@pulumi/pulumi";
import { physicalName } from "../../../src/core";

/** `metadata` of an Istio object the mesh components create. */
export interface IstioObjectMeta {
    name: string;
    namespace?: pulumi.Input<string>;
}

/** The final inputs of one Istio custom resource: what `k8s.apiextensions.CustomResource` takes. */
export interface IstioObject<Spec> {
    apiVersion: string;
    kind: string;
    metadata: IstioObjectMeta;
    spec: Spec;
}

/** The component name as a DNS-1123 object name (lower case, `[a-z0-9-]`, at most 253). */
export function istioObjectName(name: string, ...suffix: string[]): string {
    return physicalName([name.toLowerCase(), ...suffix], { maxLength: 253, invalid: /[^a-z0-9-]/g });
}

/** `{ name, namespace? }`, with the namespace only when it is given. */
export function istioMetadata(name: string, namespace: pulumi.Input<string> | undefined): IstioObjectMeta {
    return { name, ...(namespace !== undefined ? { namespace } : {}) };
}

/** Drops keys whose value is `undefined`, so specs hold only what was set. */
export function compact<T extends object>(o: T): T {
    return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as T;
}
