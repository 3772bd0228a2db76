// The kubernetes tier's public exports.
export {};
