// The ecs tier's public exports.
export {};
