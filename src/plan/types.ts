/**
 * The data an offline plan records. Everything here is plain JSON, so a plan can be written
 * with `--format json` and diffed later.
 */

/** The format version of a plan JSON file. */
export const PLAN_FORMAT_VERSION = 1;

/**
 * A secret value as a plan records it: never the value, only a digest, so two plans can tell
 * whether a secret changed without printing it.
 */
export interface SecretMarker {
    /**
     * `hmac-sha256:<16 hex>`: an HMAC of the value, keyed by a key that is never written to the
     * plan (see the plan's `secretKeyId`), so a published digest cannot confirm a guessed value.
     */
    $secret: string;
}

/** An input or output value in a plan: JSON, with secrets replaced by {@link SecretMarker}s. */
export type PlanValue = null | boolean | number | string | SecretMarker | PlanValue[] | { [key: string]: PlanValue };

/** The resource options a plan keeps, where they were set. */
export interface PlannedOptions {
    ignoreChanges?: string[];
    protect?: boolean;
    deleteBeforeReplace?: boolean;
    replaceOnChanges?: string[];
    retainOnDelete?: boolean;
    additionalSecretOutputs?: string[];
    /** URNs this resource depends on explicitly or through its inputs. */
    dependsOn?: string[];
    /** The provider reference (`urn::id`) when one was set explicitly. */
    provider?: string;
}

/** One registered resource. */
export interface PlannedResource {
    /** The URN Pulumi would give it: `urn:pulumi:<stack>::<project>::<parent types>$<type>::<name>`. */
    urn: string;
    /** The type token, e.g. `aws:lb/loadBalancer:LoadBalancer` or `compute-layer:index:EcsService`. */
    type: string;
    /** The logical (Pulumi) name. */
    name: string;
    /** The parent's URN; absent only for the root stack. */
    parent?: string;
    /** True for cloud resources, false for components. */
    custom: boolean;
    /** The inputs, as the program gave them. Secret values are {@link SecretMarker}s. */
    inputs: Record<string, PlanValue>;
    /** Options that shape what `pulumi up` does with it. */
    options: PlannedOptions;
    /**
     * The identifying outputs the mock answers gave a custom resource (`id`, and `arn`, `name`,
     * `arnSuffix`, `invokeArn`, `metadata.name`… where it has them), so that tools can resolve
     * references between resources: a listener rule's `targetGroupArn` is a target group's `arn`.
     * Multi-language components (`eks:index:Cluster`), opaque under mocks, have them too
     * (`clusterSecurityGroupId`, …). Never secret. Absent for other components and in plans
     * written before it existed; `plan diff`
     * ignores it (it compares inputs and options).
     */
    outputs?: Record<string, string>;
}

/** A whole offline plan of one program. */
export interface Plan {
    version: typeof PLAN_FORMAT_VERSION;
    project: string;
    stack: string;
    /** Every resource in registration order, the root stack and default providers left out. */
    resources: PlannedResource[];
    /** The URN of the root stack resource, the parent of top-level resources. */
    rootUrn: string;
    /** The stack outputs. Secret outputs are {@link SecretMarker}s. */
    outputs: Record<string, PlanValue>;
    /**
     * A fingerprint of the key the secret digests were made with (never the key). Two plans
     * with the same one can tell whether a secret changed; `plan diff` does not compare the
     * secrets of plans with different ones.
     */
    secretKeyId?: string;
    /** The AWS region the program was planned for (the stack's `aws:region`, else us-east-1); cost estimates price it. */
    region?: string;
}

/** True when `value` is a {@link SecretMarker}. */
export function isSecretMarker(value: unknown): value is SecretMarker {
    return typeof value === "object" && value !== null && typeof (value as { $secret?: unknown }).$secret === "string";
}
