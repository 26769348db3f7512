/** The module never authenticates anyone: the host says which supplier a request belongs to. */
export interface TenantRequest {
  headers: Record<string, string | string[] | undefined>;
}

export interface TenantResolver {
  /** The caller's supplier, or null when the request is not authenticated for any supplier (→ 401). */
  resolveSupplierId(request: TenantRequest): Promise<string | null>;
}
