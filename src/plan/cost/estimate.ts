/**
 * The monthly cost of an offline plan, as a range: the floor from minimum capacities, the
 * ceiling from the maximum capacities autoscaling may reach, Spot shares from the capacity
 * strategies, at the list prices of a dated table (./prices.json). Usage-based charges are
 * listed with their unit prices and no invented usage, unless the user gives assumptions.
 */
import type { Plan, PlannedResource, PlanValue } from "../types";
import table from "./prices.json";

/** A figure of the price table: its price, unit and the public page it was read from. */
export interface PriceFigure {
    usd: number;
    unit: string;
    source: string;
}

type RegionPrices = (typeof table.regions)["us-east-1"];

/** One resource's monthly cost range. */
export interface CostLine {
    urn: string;
    type: string;
    name: string;
    /** The component the resource belongs to (`<name> (<type>)`), or `stack` for top-level resources. */
    component: string;
    floor: number;
    ceiling: number;
    /** How it was computed, e.g. `2–10 × t3.medium at $0.0416/h, 50% Spot`. */
    detail: string;
}

/** A charge that depends on traffic or use, listed with its unit price. */
export interface UsageLine {
    /** The key of `--usage` that sets its quantity, e.g. `lambda.requestsPerMonth`. */
    key: string;
    what: string;
    unitPrice: number;
    unit: string;
    source: string;
    /** The user's assumed monthly quantity, when given. */
    quantity?: number;
    /** quantity × unitPrice, when a quantity is given. */
    monthly?: number;
}

/** Assumed monthly usage, by {@link UsageLine.key}. */
export type UsageAssumptions = Record<string, number>;

export interface CostEstimate {
    region: string;
    currency: "USD";
    /** The date the prices were taken. */
    pricesTakenOn: string;
    hoursPerMonth: number;
    total: { floor: number; ceiling: number };
    byComponent: { component: string; floor: number; ceiling: number }[];
    byType: { type: string; floor: number; ceiling: number }[];
    lines: CostLine[];
    usage: UsageLine[];
    /** What the estimate leaves out or assumes. */
    notes: string[];
}

/** Thrown for a region the table lacks (exit 2 in the CLI). */
export class UnknownRegionError extends Error {}

/** The regions the price table covers. */
export const PRICED_REGIONS = Object.keys(table.regions);
/** The date of the price table and how old it may get before a test asks for a refresh. */
export const PRICES_TAKEN_ON = table.takenOn;
export const PRICES_MAX_AGE_DAYS = table.maxAgeDays;
export const PRICE_ASSUMPTIONS = table.assumptions;

/** The price table of one region; an unknown region is an error naming the regions it has. */
export function regionPrices(region: string): RegionPrices {
    const prices = (table.regions as Record<string, RegionPrices>)[region];
    if (!prices) {
        throw new UnknownRegionError(
            `no prices for region "${region}": the table has ${PRICED_REGIONS.join(", ")} (src/plan/cost/prices.json)`,
        );
    }
    return prices;
}

const H = table.hoursPerMonth;
const SECONDS = H * 3600;
const money = (x: number) => `$${x < 1 ? x.toPrecision(3) : x.toFixed(2)}`;

function num(v: PlanValue | undefined): number | undefined {
    if (typeof v === "number") return v;
    if (typeof v === "string" && v.trim() !== "" && Number.isFinite(Number(v))) return Number(v);
    return undefined;
}
function obj(v: PlanValue | undefined): Record<string, PlanValue> {
    return v !== null && typeof v === "object" && !Array.isArray(v) ? (v as Record<string, PlanValue>) : {};
}
function list(v: PlanValue | undefined): PlanValue[] {
    return Array.isArray(v) ? v : [];
}
function str(v: PlanValue | undefined): string | undefined {
    return typeof v === "string" ? v : undefined;
}

/** On-Demand and Spot counts of `n` units under base/weight strategies (ECS capacity providers). */
export function splitByStrategy(
    n: number,
    strategy: { base: number; weight: number; spot: boolean }[],
): { onDemand: number; spot: number } {
    let left = n;
    let onDemand = 0;
    let spot = 0;
    for (const s of strategy) {
        const b = Math.min(left, s.base);
        if (s.spot) spot += b;
        else onDemand += b;
        left -= b;
    }
    const weights = strategy.reduce((a, s) => a + s.weight, 0);
    if (left > 0 && weights > 0) {
        const spotWeight = strategy.filter((s) => s.spot).reduce((a, s) => a + s.weight, 0);
        spot += (left * spotWeight) / weights;
        onDemand += (left * (weights - spotWeight)) / weights;
    } else if (left > 0) onDemand += left;
    return { onDemand, spot };
}

/** On-Demand and Spot counts of `n` instances under an EC2 instances distribution. */
export function splitByDistribution(
    n: number,
    base: number,
    percentOnDemandAbove: number,
): { onDemand: number; spot: number } {
    const b = Math.min(n, base);
    const above = n - b;
    const onDemand = b + (above * percentOnDemandAbove) / 100;
    return { onDemand, spot: n - onDemand };
}

interface Context {
    prices: RegionPrices;
    byUrn: Map<string, PlannedResource>;
    byOutput: Map<string, PlannedResource>;
    plan: Plan;
    notes: Set<string>;
}

function componentOf(ctx: Context, r: PlannedResource): string {
    let parent = r.parent ? ctx.byUrn.get(r.parent) : undefined;
    while (parent?.custom) parent = parent.parent ? ctx.byUrn.get(parent.parent) : undefined;
    return parent ? `${parent.name} (${parent.type})` : "stack (top-level resources)";
}

function ec2Hourly(ctx: Context, instanceType: string | undefined): number | undefined {
    if (!instanceType) return undefined;
    const f = (ctx.prices.ec2Hourly as Record<string, PriceFigure>)[instanceType];
    if (!f)
        ctx.notes.add(
            `instance type ${instanceType} is not in the price table; its instances are left out (add it to prices.json)`,
        );
    return f?.usd;
}

const spotDiscount = table.assumptions.ec2SpotDiscount.value;
const fargateSpotDiscount = table.assumptions.fargateSpotDiscount.value;

function scalingTarget(
    ctx: Context,
    namespace: string,
    resourceId: string | undefined,
): { min: number; max: number } | undefined {
    if (!resourceId) return undefined;
    for (const r of ctx.plan.resources) {
        if (r.type !== "aws:appautoscaling/target:Target" || r.inputs.serviceNamespace !== namespace) continue;
        if (r.inputs.resourceId === resourceId) {
            const min = num(r.inputs.minCapacity);
            const max = num(r.inputs.maxCapacity);
            if (min !== undefined && max !== undefined) return { min, max };
        }
    }
    return undefined;
}

function autoScalingGroup(ctx: Context, r: PlannedResource): Omit<CostLine, "urn" | "type" | "name" | "component"> {
    const min = num(r.inputs.minSize) ?? 0;
    const max = num(r.inputs.maxSize) ?? min;
    const mixed = obj(r.inputs.mixedInstancesPolicy);
    const ltRef =
        str(obj(r.inputs.launchTemplate).id) ??
        str(obj(obj(obj(mixed.launchTemplate).launchTemplateSpecification)).launchTemplateId);
    const lt = ltRef ? ctx.byOutput.get(ltRef) : undefined;
    const overrides = list(obj(mixed.launchTemplate).overrides)
        .map((o) => str(obj(o).instanceType))
        .filter((t): t is string => !!t);
    const instanceType = overrides[0] ?? str(lt?.inputs.instanceType) ?? "t3.medium";
    const hourly = ec2Hourly(ctx, instanceType) ?? 0;
    const dist = obj(mixed.instancesDistribution);
    const hasMixed = Object.keys(mixed).length > 0;
    const base = num(dist.onDemandBaseCapacity) ?? 0;
    const pct = num(dist.onDemandPercentageAboveBaseCapacity) ?? (hasMixed ? 100 : 100);
    const cost = (n: number) => {
        const s = splitByDistribution(n, base, pct);
        return (s.onDemand * hourly + s.spot * hourly * (1 - spotDiscount)) * H;
    };
    const volume = rootVolumeGb(lt);
    const gp3 = ctx.prices.ebsGp3GbMonth.usd;
    // A warm pool's stopped instances pay for their volumes only.
    const warm = obj(r.inputs.warmPool);
    const warmMin = Object.keys(warm).length > 0 ? (num(warm.minSize) ?? 0) : 0;
    const floor = cost(min) + (min + warmMin) * volume * gp3;
    const ceiling = cost(max) + (max + warmMin) * volume * gp3;
    const spotShare = hasMixed ? ` ${Math.round(100 - pct)}% Spot above ${base} On-Demand` : "";
    return {
        floor,
        ceiling,
        detail: `${min}–${max} × ${instanceType} at ${money(hourly)}/h${spotShare}, ${volume} GB gp3 each${warmMin ? `, warm pool of ${warmMin} (volumes only)` : ""}`,
    };
}

function rootVolumeGb(lt: PlannedResource | undefined): number {
    const first = obj(list(lt?.inputs.blockDeviceMappings)[0]);
    return num(obj(first.ebs).volumeSize) ?? table.assumptions.ebsRootGb.value;
}

function capacityStrategy(
    ctx: Context,
    service: PlannedResource,
): { base: number; weight: number; spot: boolean; provider: string }[] | undefined {
    let items = list(service.inputs.capacityProviderStrategies);
    if (items.length === 0 && service.inputs.launchType === undefined) {
        const cluster = str(service.inputs.cluster);
        const ccp = ctx.plan.resources.find(
            (x) =>
                x.type === "aws:ecs/clusterCapacityProviders:ClusterCapacityProviders" &&
                cluster !== undefined &&
                cluster.endsWith(`/${str(x.inputs.clusterName)}`),
        );
        items = list(ccp?.inputs.defaultCapacityProviderStrategies);
    }
    if (items.length === 0) return undefined;
    return items.map((i) => ({
        base: num(obj(i).base) ?? 0,
        weight: num(obj(i).weight) ?? 0,
        spot: str(obj(i).capacityProvider) === "FARGATE_SPOT",
        provider: str(obj(i).capacityProvider) ?? "",
    }));
}

function ecsService(
    ctx: Context,
    r: PlannedResource,
): Omit<CostLine, "urn" | "type" | "name" | "component"> | undefined {
    const td = ctx.byOutput.get(str(r.inputs.taskDefinition) ?? "");
    const strategy = capacityStrategy(ctx, r);
    const fargate =
        r.inputs.launchType === "FARGATE" ||
        (r.inputs.launchType === undefined &&
            strategy !== undefined &&
            strategy.every((s) => s.provider.startsWith("FARGATE")));
    if (!fargate || !td) {
        ctx.notes.add(
            "ECS services on EC2 capacity cost what their instances cost (counted under the Auto Scaling group)",
        );
        return undefined;
    }
    const vcpu = (num(td.inputs.cpu) ?? 256) / 1024;
    const gb = (num(td.inputs.memory) ?? 512) / 1024;
    const arm = str(obj(td.inputs.runtimePlatform).cpuArchitecture) === "ARM64";
    const f = ctx.prices.fargate;
    const hourly =
        vcpu * (arm ? f.armVcpuHour.usd : f.x86VcpuHour.usd) + gb * (arm ? f.armGbHour.usd : f.x86GbHour.usd);
    const name = str(r.outputs?.name) ?? r.name;
    const cluster = str(r.inputs.cluster)?.split("/").pop();
    const target = scalingTarget(ctx, "ecs", `service/${cluster}/${name}`);
    const desired = num(r.inputs.desiredCount) ?? 1;
    const min = target?.min ?? desired;
    const max = target?.max ?? desired;
    const cost = (n: number) => {
        const s = strategy ? splitByStrategy(n, strategy) : { onDemand: n, spot: 0 };
        return (s.onDemand + s.spot * (1 - fargateSpotDiscount)) * hourly * H;
    };
    const spot = strategy?.some((s) => s.spot) ? ", Fargate Spot by the capacity strategy" : "";
    return {
        floor: cost(min),
        ceiling: cost(max),
        detail: `${min}–${max} tasks × ${vcpu} vCPU / ${gb} GB${arm ? " ARM" : ""} at ${money(hourly)}/h${spot}`,
    };
}

function nodeGroup(ctx: Context, r: PlannedResource): Omit<CostLine, "urn" | "type" | "name" | "component"> {
    const sc = obj(r.inputs.scalingConfig);
    const min = num(sc.minSize) ?? 0;
    const max = num(sc.maxSize) ?? min;
    const instanceType = str(list(r.inputs.instanceTypes)[0]) ?? "t3.medium";
    const hourly = ec2Hourly(ctx, instanceType) ?? 0;
    const spot = r.inputs.capacityType === "SPOT";
    const lt = ctx.byOutput.get(str(obj(r.inputs.launchTemplate).id) ?? "");
    const disk = num(r.inputs.diskSize) ?? (lt ? rootVolumeGb(lt) : table.assumptions.eksNodeDiskGb.value);
    const per = hourly * (spot ? 1 - spotDiscount : 1) * H + disk * ctx.prices.ebsGp3GbMonth.usd;
    return {
        floor: min * per,
        ceiling: max * per,
        detail: `${min}–${max} × ${instanceType}${spot ? " Spot" : ""} at ${money(hourly)}/h, ${disk} GB gp3 each`,
    };
}

function loadBalancer(ctx: Context, r: PlannedResource): Omit<CostLine, "urn" | "type" | "name" | "component"> {
    const kind = str(r.inputs.loadBalancerType) ?? "application";
    const p = kind === "network" ? ctx.prices.nlb : kind === "gateway" ? ctx.prices.gwlb : ctx.prices.alb;
    const base = (p.hour.usd + p.lcuHour.usd * table.assumptions.lcuBaseline.value) * H;
    // Internet-facing ALB and NLB nodes hold a public IPv4 per subnet; an NLB's Elastic IPs are
    // counted as their own resources.
    const mappings = list(r.inputs.subnetMappings);
    const subnets = list(r.inputs.subnets).length + mappings.filter((m) => obj(m).allocationId === undefined).length;
    const publicIps = kind !== "gateway" && r.inputs.internal !== true ? subnets : 0;
    const ips = publicIps * ctx.prices.publicIpv4Hour.usd * H;
    const label = kind === "network" ? "NLB" : kind === "gateway" ? "GWLB" : "ALB";
    return {
        floor: base + ips,
        ceiling: base + ips,
        detail: `${label} hour + 1 LCU baseline${publicIps ? ` + ${publicIps} public IPv4` : ""}`,
    };
}

function vpcFromAwsx(ctx: Context, r: PlannedResource): Omit<CostLine, "urn" | "type" | "name" | "component"> {
    const azs = num(r.inputs.numberOfAvailabilityZones) ?? 3;
    const strategy = str(obj(r.inputs.natGateways).strategy) ?? "OnePerAz";
    const nats = strategy === "None" ? 0 : strategy === "Single" ? 1 : azs;
    const monthly = nats * (ctx.prices.natGatewayHour.usd + ctx.prices.publicIpv4Hour.usd) * H;
    return {
        floor: monthly,
        ceiling: monthly,
        detail: `${nats} NAT gateway${nats === 1 ? "" : "s"} (${strategy}, ${azs} AZs) with their public IPv4`,
    };
}

function provisionedConcurrency(
    ctx: Context,
    r: PlannedResource,
): Omit<CostLine, "urn" | "type" | "name" | "component"> {
    const fnName = str(r.inputs.functionName);
    const fn = ctx.plan.resources.find(
        (x) => x.type === "aws:lambda/function:Function" && (x.inputs.name === fnName || x.outputs?.name === fnName),
    );
    const gb = (num(fn?.inputs.memorySize) ?? 128) / 1024;
    const arm = list(fn?.inputs.architectures).includes("arm64");
    const price = arm ? ctx.prices.lambda.provisionedArmGbSecond.usd : ctx.prices.lambda.provisionedX86GbSecond.usd;
    const fixed = num(r.inputs.provisionedConcurrentExecutions) ?? 0;
    const target = scalingTarget(ctx, "lambda", `function:${fnName}:${str(r.inputs.qualifier)}`);
    const min = target?.min ?? fixed;
    const max = target?.max ?? fixed;
    const per = gb * SECONDS * price;
    return {
        floor: min * per,
        ceiling: max * per,
        detail: `${min}–${max} provisioned × ${gb * 1024} MB at ${money(price)}/GB-s`,
    };
}

function flat(usd: number, detail: string): Omit<CostLine, "urn" | "type" | "name" | "component"> {
    return { floor: usd, ceiling: usd, detail };
}

function costOf(ctx: Context, r: PlannedResource): Omit<CostLine, "urn" | "type" | "name" | "component"> | undefined {
    const p = ctx.prices;
    switch (r.type) {
        case "aws:autoscaling/group:Group":
            return autoScalingGroup(ctx, r);
        case "aws:ecs/service:Service":
            return ecsService(ctx, r);
        case "aws:eks/nodeGroup:NodeGroup":
            return nodeGroup(ctx, r);
        case "eks:index:Cluster":
        case "aws:eks/cluster:Cluster":
            return flat(p.eksClusterHour.usd * H, `EKS control plane at ${money(p.eksClusterHour.usd)}/h`);
        case "aws:lb/loadBalancer:LoadBalancer":
            return loadBalancer(ctx, r);
        case "awsx:ec2:Vpc":
            return vpcFromAwsx(ctx, r);
        case "aws:ec2/natGateway:NatGateway":
            return flat(p.natGatewayHour.usd * H, `NAT gateway at ${money(p.natGatewayHour.usd)}/h`);
        case "aws:ec2/eip:Eip":
            return flat(p.publicIpv4Hour.usd * H, `public IPv4 at ${money(p.publicIpv4Hour.usd)}/h`);
        case "aws:ec2/vpcEndpoint:VpcEndpoint": {
            const type = str(r.inputs.vpcEndpointType) ?? "Gateway";
            if (type === "Gateway") return flat(0, "gateway endpoint (no hourly charge)");
            const azs = Math.max(1, list(r.inputs.subnetIds).length);
            const hourly = type === "GatewayLoadBalancer" ? p.gwlbEndpointHour.usd : p.vpcInterfaceEndpointHour.usd;
            return flat(azs * hourly * H, `${type} endpoint in ${azs} AZ${azs === 1 ? "" : "s"} at ${money(hourly)}/h`);
        }
        case "aws:lambda/provisionedConcurrencyConfig:ProvisionedConcurrencyConfig":
            return provisionedConcurrency(ctx, r);
        case "aws:secretsmanager/secret:Secret":
            return flat(p.secretsManagerSecretMonth.usd, "secret-month");
        case "aws:kms/key:Key":
            return flat(p.kmsKeyMonth.usd, "key-month");
        case "aws:ebs/volume:Volume":
            return flat((num(r.inputs.size) ?? 0) * p.ebsGp3GbMonth.usd, `${num(r.inputs.size) ?? 0} GB gp3`);
        default:
            return undefined;
    }
}

function usageLines(ctx: Context, usage: UsageAssumptions): UsageLine[] {
    const p = ctx.prices;
    const has = (t: string) => ctx.plan.resources.some((r) => r.type === t);
    const lines: UsageLine[] = [];
    const add = (key: string, what: string, f: PriceFigure, scale = 1) => {
        const quantity = usage[key];
        lines.push({
            key,
            what,
            unitPrice: f.usd * scale,
            unit: f.unit,
            source: f.source,
            ...(quantity !== undefined ? { quantity, monthly: quantity * f.usd * scale } : {}),
        });
    };
    const lbs = ctx.plan.resources.filter((r) => r.type === "aws:lb/loadBalancer:LoadBalancer");
    if (lbs.some((r) => (r.inputs.loadBalancerType ?? "application") === "application"))
        add("alb.extraLcuHours", "ALB capacity units above the 1-LCU baseline", p.alb.lcuHour);
    if (lbs.some((r) => r.inputs.loadBalancerType === "network"))
        add("nlb.extraLcuHours", "NLB capacity units above the baseline", p.nlb.lcuHour);
    if (lbs.some((r) => r.inputs.loadBalancerType === "gateway"))
        add("gwlb.extraLcuHours", "GWLB capacity units above the baseline", p.gwlb.lcuHour);
    if (has("awsx:ec2:Vpc") || has("aws:ec2/natGateway:NatGateway"))
        add("natGateway.gbPerMonth", "data processed by NAT gateways", p.natGatewayGb);
    if (has("aws:lambda/function:Function")) {
        add("lambda.millionRequestsPerMonth", "Lambda requests", p.lambda.requestsPerMillion);
        add("lambda.gbSecondsPerMonth", "Lambda duration beyond provisioned concurrency", p.lambda.durationX86GbSecond);
    }
    if (has("aws:cloudwatch/logGroup:LogGroup") || has("aws:ecs/taskDefinition:TaskDefinition"))
        add("logs.gbPerMonth", "CloudWatch Logs ingestion", p.cloudwatchLogsIngestGb);
    add("dataTransferOut.gbPerMonth", "data transfer out to the internet", p.dataTransferOutGb);
    return lines;
}

function sumBy<K extends string>(
    lines: CostLine[],
    key: (l: CostLine) => string,
    label: K,
): ({ floor: number; ceiling: number } & Record<K, string>)[] {
    const m = new Map<string, { floor: number; ceiling: number }>();
    for (const l of lines) {
        const k = key(l);
        const cur = m.get(k) ?? { floor: 0, ceiling: 0 };
        m.set(k, { floor: cur.floor + l.floor, ceiling: cur.ceiling + l.ceiling });
    }
    return [...m.entries()]
        .map(([k, v]) => ({ [label]: k, ...v }) as { floor: number; ceiling: number } & Record<K, string>)
        .sort((a, b) => b.ceiling - a.ceiling);
}

/** The monthly cost range of a plan in a region, with optional usage assumptions. */
export function estimateCost(plan: Plan, opts: { region: string; usage?: UsageAssumptions }): CostEstimate {
    const prices = regionPrices(opts.region);
    const byOutput = new Map<string, PlannedResource>();
    for (const r of plan.resources)
        for (const v of Object.values(r.outputs ?? {})) if (typeof v === "string") byOutput.set(v, r);
    const ctx: Context = {
        prices,
        plan,
        byUrn: new Map(plan.resources.map((r) => [r.urn, r])),
        byOutput,
        notes: new Set(),
    };
    const lines: CostLine[] = [];
    for (const r of plan.resources) {
        const c = costOf(ctx, r);
        if (!c) continue;
        lines.push({ urn: r.urn, type: r.type, name: r.name, component: componentOf(ctx, r), ...c });
    }
    const usage = usageLines(ctx, opts.usage ?? {});
    const usageTotal = usage.reduce((a, u) => a + (u.monthly ?? 0), 0);
    const total = {
        floor: lines.reduce((a, l) => a + l.floor, 0) + usageTotal,
        ceiling: lines.reduce((a, l) => a + l.ceiling, 0) + usageTotal,
    };
    const notes = [
        ...ctx.notes,
        `EC2 Spot at ${Math.round(spotDiscount * 100)}% and Fargate Spot at ${Math.round(fargateSpotDiscount * 100)}% below On-Demand (stated assumptions, not quotes)`,
        "not estimated: pods on Fargate profiles and Karpenter nodes (they follow the workload), Savings Plans and Reserved Instances, taxes, and free-tier credits",
    ];
    return {
        region: opts.region,
        currency: "USD",
        pricesTakenOn: table.takenOn,
        hoursPerMonth: H,
        total,
        byComponent: sumBy(lines, (l) => l.component, "component"),
        byType: sumBy(lines, (l) => l.type, "type"),
        lines,
        usage,
        notes,
    };
}
