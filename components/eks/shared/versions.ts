/**
 * Kubernetes versions a new EKS cluster can be created on, as of 2026-11-26.
 * Standard support (14 months): 1.34 until 2026-12-02, 1.35 until 2027-03-27, 1.36.
 * Extended support (12 more months): 1.32 until 2027-03-23, 1.33 until 2027-07-29.
 * 1.31 leaves extended support on 2026-11-26 and is not offered.
 * https://docs.aws.amazon.com/eks/latest/userguide/kubernetes-versions.html#kubernetes-release-calendar
 */
export const EKS_SUPPORTED_VERSIONS = ["1.32", "1.33", "1.34", "1.35", "1.36"] as const;

/** A Kubernetes minor version EKS offers. */
export type EksVersion = (typeof EKS_SUPPORTED_VERSIONS)[number];

/** The pinned default: the newest version with a published end-of-standard-support date (2027-03-27). */
export const EKS_DEFAULT_VERSION: EksVersion = "1.35";
