/**
 * compute-layer: Pulumi components for the compute layer of an AWS application.
 * The package root exports every component and its Args types.
 */
export * from "./core";
export * from "./scaling";
export * as plan from "./plan";
export * from "../components/lb";
export * from "../components/ec2";
export * from "../components/ecs";
export * from "../components/eks";
export * from "../components/kubernetes";
export * from "../components/lambda";
export * from "../components/mesh";
