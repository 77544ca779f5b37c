// Types of module-map.js, for the tests that read the map.
export interface Edge {
  module: string;
  onlyFrom?: string[];
}
export interface ModuleRule {
  owns: string;
  may: (string | Edge)[];
}
export interface TemporaryCrossing {
  file: string;
  to: string;
  until: string;
}
export const MODULE_MAP: Record<string, ModuleRule>;
export const TEMPORARY_CROSSINGS: TemporaryCrossing[];
export function isTestFile(path: string): boolean;
export function moduleOf(path: string): string | null;
export function crossing(
  from: string,
  to: string,
  map?: Record<string, ModuleRule>,
  temporary?: readonly TemporaryCrossing[],
): null | 'test code' | 'unknown module' | 'not allowed';
