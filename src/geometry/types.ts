// Geometry of an optimizer: the potential ψ of mirror descent (a strictly convex
// function of Legendre type) and its convex conjugate ψ*, so that ∇ψ* = (∇ψ)⁻¹.

export interface Potential {
  /** e.g. "negative-entropy", "p-norm(1.5)", "hyperbolic-entropy(0.1)" */
  readonly name: string;
  /** ψ(w) */
  value(w: Float64Array): number;
  /** out ← ∇ψ(w), the mirror map into the dual space */
  grad(w: Float64Array, out: Float64Array): Float64Array;
  /** ψ*(z) */
  conjValue(z: Float64Array): number;
  /** out ← ∇ψ*(z) = (∇ψ)⁻¹(z), back to the primal space */
  gradConj(z: Float64Array, out: Float64Array): Float64Array;
  /** out ← ∇²ψ*(z) v (for Newton on the dual of a Bregman projection) */
  hessConjVec(z: Float64Array, v: Float64Array, out: Float64Array): Float64Array;
  /** true when w is in the domain of ψ (e.g. w > 0 for entropy) */
  inDomain(w: Float64Array): boolean;
  /** D_ψ(w, v) = ψ(w) − ψ(v) − ⟨∇ψ(v), w − v⟩ */
  bregman(w: Float64Array, v: Float64Array): number;
}
