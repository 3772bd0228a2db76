// The ec2 tier's public exports.
export * from "./args";
export type { AutoScalingGroupPlan } from "./plan";
export { planAutoScalingGroup, architectureOf, DEFAULT_INSTANCE_TYPE, AL2023_PARAMETERS, MAX_INSTANCE_TYPES, ROOT_VOLUME_SIZES } from "./plan";
export * from "./autoScalingGroup";
