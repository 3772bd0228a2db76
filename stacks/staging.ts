import { type Profile, runEnvironment } from "./profile";

/** staging: prod's shape at a smaller size, so what passes here behaves the same in prod. */
export const STAGING: Profile = {
    name: "staging",
    spotFirst: false,
    webSchedules: [],
    predictiveScaling: false,
    canary: false,
    policy: {
        minCapacity: 2,
        minAvailabilityZones: 3,
        httpsOnly: true,
        deletionProtection: true,
        minLogRetentionDays: 30,
        authenticatedApi: true,
    },
};

/** The staging environment program. */
export const staging = () => runEnvironment(STAGING);
