import { type Profile, runEnvironment } from "./profile";

/**
 * prod: safety first. At least 2 of everything that scales, three zones, HTTPS only, deletion
 * protection, long log retention; the web group scales up for business hours (the reference's
 * 09:00 weekdays: 10–30, desired 20; 20:00 daily: 2–10, desired 4) and predictively.
 */
export const PROD: Profile = {
    name: "prod",
    spotFirst: false,
    webSchedules: [
        {
            name: "business-hours",
            cron: "0 9 * * MON-FRI",
            timezone: "Etc/UTC",
            minCapacity: 10,
            maxCapacity: 30,
            desiredCapacity: 20,
        },
        { name: "night", cron: "0 20 * * *", timezone: "Etc/UTC", minCapacity: 2, maxCapacity: 10, desiredCapacity: 4 },
    ],
    predictiveScaling: true,
    // Stopped instances cost only their volumes; they return to the pool on scale-in.
    warmPool: { state: "Stopped", minSize: 2, reuseOnScaleIn: true },
    canary: true,
    // The reference's 90/10 on ECS too: a new api revision gets 10 % of /api/* for 15 minutes.
    apiCanary: { percent: 10, bakeTimeMinutes: 15 },
    policy: {
        minCapacity: 2,
        minAvailabilityZones: 3,
        httpsOnly: true,
        deletionProtection: true,
        minLogRetentionDays: 90,
        authenticatedApi: true,
    },
};

/** The prod environment program. */
export const prod = () => runEnvironment(PROD);
