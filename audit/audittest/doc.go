// Package audittest holds what the audit packages' tests share: the
// conformance suite every store must pass ([RunStoreTests]), its seeded data
// set, and helpers that find, start, stop and cut off the MongoDB-compatible
// server the integration tests use.
//
// # Servers
//
// Integration tests read MONGODB_URI; without it they skip, unless
// MONGODB_REQUIRED=1, where they fail. scripts/with-ferretdb.sh starts a
// FerretDB server and sets both, plus FERRETDB_BIN and FERRETDB_DIR so that a
// test can run a server of its own and stop and restart it ([StartFerretDB]).
package audittest
