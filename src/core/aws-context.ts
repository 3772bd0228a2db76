import * as aws from "@pulumi/aws";
import * as pulumi from "@pulumi/pulumi";

/** The account-level facts components need to write ARNs and trust policies. */
export interface AwsContext {
    /** The provider's region, e.g. `us-east-1`. */
    region: pulumi.Output<string>;
    /** The partition, e.g. `aws`, `aws-cn` or `aws-us-gov`. */
    partition: pulumi.Output<string>;
    /** The caller's account id. */
    accountId: pulumi.Output<string>;
    /** All three in one Output, for documents that need more than one (made once per provider). */
    facts: pulumi.Output<AwsFacts>;
}

/** The resolved account-level facts. */
export interface AwsFacts {
    region: string;
    partition: string;
    accountId: string;
}

/**
 * One cache per Pulumi runtime (its monitor): a program run under mocks several times in one
 * process (tests, the plan CLI) must not reuse the previous run's Outputs. Inside a runtime, one
 * entry per AWS provider, plus one for the default provider.
 */
const caches = new WeakMap<
    object,
    { byProvider: WeakMap<pulumi.ProviderResource, AwsContext>; byDefault?: AwsContext }
>();
const noMonitor = {};

/**
 * Region, partition and account of the AWS provider that `parent`'s children use, looked up once
 * per provider per program run (three invokes in all, not three per component). In a real
 * `pulumi up` each invoke is a round trip to the provider plugin.
 */
export function awsContext(parent: pulumi.Resource): AwsContext {
    const monitor = (pulumi.runtime.getMonitor() as object | undefined) ?? noMonitor;
    let cache = caches.get(monitor);
    if (!cache) {
        cache = { byProvider: new WeakMap() };
        caches.set(monitor, cache);
    }
    const provider = providerOf(parent);
    const hit = provider ? cache.byProvider.get(provider) : cache.byDefault;
    if (hit) return hit;
    // Invoked with the provider only (no parent), so the cached Outputs don't belong to the first
    // component that asked.
    const opts: pulumi.InvokeOutputOptions = provider ? { provider } : {};
    const region = aws.getRegionOutput({}, opts).region;
    const partition = aws.getPartitionOutput({}, opts).partition;
    const accountId = aws.getCallerIdentityOutput({}, opts).accountId;
    const created: AwsContext = {
        region,
        partition,
        accountId,
        facts: pulumi.all([region, partition, accountId]).apply(([r, p, a]) => ({
            region: r,
            partition: p,
            accountId: a,
        })),
    };
    if (provider) cache.byProvider.set(provider, created);
    else cache.byDefault = created;
    return created;
}

const derived = new WeakMap<AwsContext, Map<string, pulumi.Output<unknown>>>();

/**
 * A value computed from the facts once per provider and `key`, and shared by every component that
 * asks (the ECS tasks' trust policy is the same document for every service of an account and
 * region). Each Output a component makes costs the Pulumi runtime several promises; a program with
 * hundreds of services makes one of these, not hundreds.
 */
export function fromFacts<T>(ctx: AwsContext, key: string, fn: (facts: AwsFacts) => T): pulumi.Output<T> {
    let byKey = derived.get(ctx);
    if (!byKey) {
        byKey = new Map();
        derived.set(ctx, byKey);
    }
    let out = byKey.get(key) as pulumi.Output<T> | undefined;
    if (!out) {
        out = ctx.facts.apply(fn);
        byKey.set(key, out);
    }
    return out;
}

function providerOf(parent: pulumi.Resource): pulumi.ProviderResource | undefined {
    const withProvider = parent as unknown as { getProvider?: (member: string) => pulumi.ProviderResource | undefined };
    return typeof withProvider.getProvider === "function" ? withProvider.getProvider("aws::") : undefined;
}

/** An IAM policy document (JSON), built locally instead of through `aws.iam.getPolicyDocument`. */
export interface PolicyDocument {
    Version: "2012-10-17";
    Statement: PolicyStatement[];
}

/** One IAM policy statement, in IAM's own JSON field names. */
export interface PolicyStatement {
    Sid?: string;
    Effect: "Allow" | "Deny";
    Action?: string | string[];
    NotAction?: string | string[];
    Resource?: string | string[];
    NotResource?: string | string[];
    Principal?: "*" | Record<string, string | string[]>;
    Condition?: Record<string, Record<string, string | string[] | boolean>>;
}

/** Serialises statements as an IAM policy document (the JSON `aws.iam.Policy` and inline policies take). */
export function policyJson(statements: PolicyStatement[]): string {
    const doc: PolicyDocument = { Version: "2012-10-17", Statement: statements };
    return JSON.stringify(doc);
}
