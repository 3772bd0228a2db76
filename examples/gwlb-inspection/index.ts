import { GatewayLoadBalancer } from "compute-layer";

// Centralised inspection at the ingress edge: traffic from the internet gateway to each public
// subnet is routed through the GWLB endpoint in that subnet's AZ, and from there through the
// appliance fleet (GENEVE on 6081) before it reaches the application.
const inspection = new GatewayLoadBalancer("inspection", {
    vpcId: "vpc-0appliance00000001",
    subnetIds: ["subnet-0appliance0000001", "subnet-0appliance0000002"],
    healthCheck: { port: 80, protocol: "HTTP", path: "/healthz" },
    allowedPrincipals: ["arn:aws:iam::123456789012:root"],
    endpoints: {
        "az-a": {
            vpcId: "vpc-0application000001",
            subnetId: "subnet-0gwlbe000000001",
            routes: [{ routeTableId: "rtb-0igwedge000000001", destinationCidrBlock: "10.0.0.0/24" }],
        },
        "az-b": {
            vpcId: "vpc-0application000001",
            subnetId: "subnet-0gwlbe000000002",
            routes: [{ routeTableId: "rtb-0igwedge000000001", destinationCidrBlock: "10.0.1.0/24" }],
        },
    },
});

export const serviceName = inspection.serviceName;
