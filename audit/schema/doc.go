// Package schema is the vocabulary every audit store speaks: the execution
// [Record] of DESIGN.md ("Audit record"), the [Store] interface with its
// query types, and the errors a store returns.
//
// It is a leaf package so that the store implementations
// (codexec/audit/embedded, codexec/audit/mongostore) and the shared
// conformance suite (codexec/audit/audittest) can use it without importing
// package audit, which in turn picks and wraps a store. Package audit
// re-exports every name of this package; callers outside the audit tree use
// those.
package schema
