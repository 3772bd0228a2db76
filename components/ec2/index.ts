// The ec2 tier's public exports.
export * from "./auto-scaling-group";
