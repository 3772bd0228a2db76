import { type Profile, runEnvironment } from "./profile";

/** dev: cheap and disposable. Spot first, one of everything, short log retention, no deletion protection. */
export const DEV: Profile = {
    name: "dev",
    spotFirst: true,
    webSchedules: [],
    predictiveScaling: false,
    canary: false,
    policy: {
        minCapacity: 1,
        minAvailabilityZones: 2,
        httpsOnly: false,
        deletionProtection: false,
        minLogRetentionDays: 1,
        authenticatedApi: false,
    },
};

/** The dev environment program. */
export const dev = () => runEnvironment(DEV);
