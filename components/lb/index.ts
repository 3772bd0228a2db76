// The lb tier's public exports.
export {};
