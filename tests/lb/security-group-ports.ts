import type { SecurityGroupPlan } from "../../components/lb/shared/security-group";

/** The protocol/port pairs a security group's planned rules open, each once, in rule order. */
export const ports = (rules: SecurityGroupPlan["ingress"]) => [
    ...new Map(
        rules.map((r) => [
            `${r.inputs.ipProtocol}/${r.inputs.fromPort}`,
            { protocol: r.inputs.ipProtocol, port: r.inputs.fromPort },
        ]),
    ).values(),
];
