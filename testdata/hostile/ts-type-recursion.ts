// expect: ok
// Deeply recursive types cost nothing: esbuild does not type-check.
type Deep<T> = { next: Deep<Deep<T>> };
type X = Deep<Deep<Deep<Deep<string>>>>;
const v: X | null = null;
return v;
