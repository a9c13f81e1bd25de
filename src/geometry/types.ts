// Geometry of an optimizer: the potential ψ of mirror descent (a strictly convex
// function of Legendre type) and its convex conjugate ψ*, so that ∇ψ* = (∇ψ)⁻¹.

export interface Potential {
  /** e.g. "negative-entropy", "p-norm(1.5)", "hyperbolic-entropy(0.1)" */
  readonly name: string;
  /** the registry id that `potentialFromId` parses back to this potential, e.g. "p-norm:1.5" */
  readonly id?: string;
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
  /**
   * out ← the part of a dual vector z that acts on the tangent space of dom ψ's
   * affine hull. Present only when dom ψ is not full-dimensional: for the simplex
   * it is z − mean(z)·1, since dual vectors differing by a multiple of 1 are the
   * same mirror point. Stationarity conditions are measured after this projection.
   */
  projectTangent?(z: Float64Array, out: Float64Array): Float64Array;
  /**
   * Which mirror map Newton's method for a Bregman projection should linearize: the
   * smooth one. "dual" (the default) linearizes ∇ψ*; "primal" linearizes ∇ψ, for
   * potentials such as ½‖·‖_p² with p > 2 whose ∇²ψ* blows up where zᵢ = 0.
   */
  readonly newtonSpace?: "primal" | "dual";
}
