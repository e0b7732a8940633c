export const CHROMIUM_INSTALL_HINT: string;
export function findChromium(): string | null;
