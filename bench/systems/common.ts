/**
 * What the benchmark's three systems share: the network they sit in and the services' names.
 * Each system is its own module (bench/systems/*.ts), so a sample loads only the code its variant
 * uses, as a real program would: compute-layer's loads the package root and the tiers it uses;
 * the floors load @pulumi/aws alone.
 */
export const VPC = "vpc-0bench00000000001";
export const PUBLIC = ["subnet-0pub000000000001", "subnet-0pub000000000002"];
export const PRIVATE = ["subnet-0prv000000000001", "subnet-0prv000000000002"];
export const CERT = "arn:aws:acm:us-east-1:123456789012:certificate/00000000-0000-0000-0000-000000000000";
export const IMAGE = "public.ecr.aws/nginx/nginx:1.27";

export function serviceNames(n: number): string[] {
    return Array.from({ length: n }, (_, i) => `svc${i}`);
}

/** Services per load balancer: an ALB takes at most 100 target groups and 100 rules (AWS quotas). */
export const PER_ALB = 50;
export function shards(names: string[]): string[][] {
    const out: string[][] = [];
    for (let i = 0; i < names.length; i += PER_ALB) out.push(names.slice(i, i + PER_ALB));
    return out;
}
