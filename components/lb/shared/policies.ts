/**
 * The ELB security policies that negotiate TLS 1.2 or later only, for HTTPS (ALB) and TLS (NLB)
 * listeners. Policies that still accept TLS 1.0 or 1.1 (`ELBSecurityPolicy-2016-08`, the
 * provider default, `ELBSecurityPolicy-TLS13-1-0-2021-06`, `ELBSecurityPolicy-TLS13-1-1-2021-06`,
 * `ELBSecurityPolicy-FS-2018-06`, `ELBSecurityPolicy-TLS-1-1-2017-01`, ...) are left out on purpose.
 *
 * Source: "Security policies for your Application Load Balancer" and "Security policies for
 * your Network Load Balancer", Elastic Load Balancing user guides:
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html
 */
export const TLS12_PLUS_POLICIES = [
    // TLS 1.3 + 1.2 (AWS's recommended family) and TLS 1.3 only.
    "ELBSecurityPolicy-TLS13-1-2-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Res-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-2021-06",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06",
    "ELBSecurityPolicy-TLS13-1-3-2021-06",
    // Hybrid post-quantum key exchange (2025-09).
    "ELBSecurityPolicy-TLS13-1-2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-PQ-2025-09",
    // FIPS.
    "ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-2023-04",
    "ELBSecurityPolicy-TLS13-1-2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Res-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext0-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext1-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-2-Ext2-FIPS-PQ-2025-09",
    "ELBSecurityPolicy-TLS13-1-3-FIPS-PQ-2025-09",
    // Forward secrecy, TLS 1.2 only.
    "ELBSecurityPolicy-FS-1-2-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2019-08",
    "ELBSecurityPolicy-FS-1-2-Res-2020-10",
    // TLS 1.2 only.
    "ELBSecurityPolicy-TLS-1-2-2017-01",
    "ELBSecurityPolicy-TLS-1-2-Ext-2018-06",
] as const;

/** A security policy name from {@link TLS12_PLUS_POLICIES}. */
export type Tls12PlusPolicy = (typeof TLS12_PLUS_POLICIES)[number];

/** The policy HTTPS and TLS listeners get when none is given: TLS 1.3 with TLS 1.2 fallback. */
export const DEFAULT_SSL_POLICY: Tls12PlusPolicy = "ELBSecurityPolicy-TLS13-1-2-2021-06";
