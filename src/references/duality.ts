// The duality certificate most programs share: residuals of the primal and dual constraints,
// the relative gap between the two objectives, ok when all three are within the tolerance.
import type { Certificate } from "./types.ts";

/** |p − d| / max(1, |p|) */
export function relativeGap(primalObjective: number, dualObjective: number): number {
  return Math.abs(primalObjective - dualObjective) / Math.max(1, Math.abs(primalObjective));
}

export interface DualityParts {
  readonly kind: string;
  readonly primalResidual: number;
  readonly dualResidual: number;
  readonly primalObjective: number;
  readonly dualObjective: number;
  readonly tol: number;
  /** further residuals that must also be within tol (e.g. complementarity); reported in details */
  readonly alsoWithinTol?: Readonly<Record<string, number>>;
  readonly details?: Certificate["details"];
}

export function dualityCertificate(c: DualityParts): Certificate {
  const dualityGap = relativeGap(c.primalObjective, c.dualObjective);
  const also = c.alsoWithinTol ?? {};
  const details = { ...also, ...c.details };
  return {
    kind: c.kind,
    primalResidual: c.primalResidual,
    dualResidual: c.dualResidual,
    dualityGap,
    primalObjective: c.primalObjective,
    dualObjective: c.dualObjective,
    ok: c.primalResidual <= c.tol && c.dualResidual <= c.tol && dualityGap <= c.tol && Object.values(also).every((v) => v <= c.tol),
    ...(Object.keys(details).length ? { details } : {}),
  };
}
