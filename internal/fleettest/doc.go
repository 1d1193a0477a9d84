// Package fleettest is a test only: several supervisor daemons on one
// machine, each in a network namespace of its own with its own address,
// auditing over the network to one MongoDB-compatible server (FerretDB)
// in a fourth namespace, under load from agents on every host. It kills
// one supervisor and restarts it, cuts one host off from the database for
// a while, and checks that every answered execution is in the fleet's
// audit trail exactly once, with its host, and that the fleet's and each
// host's statistics are right.
//
// It runs as root only (namespaces, veth pairs, cgroups), with the
// FerretDB binary scripts/with-ferretdb.sh builds (FERRETDB_BIN) and the
// iproute2 and util-linux tools (ip, nsenter); it skips otherwise.
package fleettest
