// The mock's notion of "now"; injectable so tests and benchmarks control timestamps.

export type Clock = () => Date;

export const systemClock: Clock = () => new Date();

/** ISO-8601 with milliseconds, as Voucherify writes its timestamps: 2024-07-23T10:40:48.579Z */
export const timestamp = (clock: Clock): string => clock().toISOString();
