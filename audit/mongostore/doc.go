// Package mongostore keeps the audit trail in a MongoDB collection (or in a
// server that speaks MongoDB's protocol). It is the only package of codexec
// that imports the MongoDB driver.
//
// # Documents
//
// One document per execution, with the fields of DESIGN.md ("Audit record")
// under their own names and `_id` the execution id. `hostId` names the
// supervisor that recorded it; documents written before host ids existed
// lack it, and read as "" (stats count them under ""). `executedAt` is a BSON
// date (milliseconds), so that a TTL index can expire it. `output` is kept as
// the JSON text of the returned value, a string: that keeps every value
// exactly (numbers beyond float64 and int64, -0, 1.0 against 1, key order,
// duplicate keys) and every key (MongoDB and some compatible servers refuse
// or mangle keys with "." or a leading "$"). See
// docs/decisions/0011-audit-trail.md.
//
// # Indexes
//
// [Store.EnsureIndexes] creates, idempotently:
//
//	{executedAt: 1}                       TTL: expireAfterSeconds = the retention (30 days by default)
//	{agentId: 1, executedAt: -1}          an agent's history, stats
//	{codeHash: 1, executedAt: -1}         executions by code hash
//	{agentId: 1, success: 1, executedAt: -1}  an agent's recent failures
//	{hostId: 1, executedAt: -1}           one host's history (a fleet writing to one collection)
//	{agentId: 1, hostId: 1, executedAt: -1}   an agent's history, failures and stats on one host
//
// A server that refuses the TTL option gets a plain {executedAt: 1} index
// instead, the refusal is logged at error level, and [Store.ServerExpires]
// reports false: the caller (audit.Recorder) then purges expired records
// itself. A retention that changed since the index was made is applied with
// collMod.
//
// # Client settings
//
// [Resolve] works out the settings for a replica set from the URI's
// options and config.MongoOptions (the configuration file's "mongo" key):
// an option both give must agree, else the store does not open; one given
// once applies; the defaults are w "majority" and journal true (a record
// the outbox let go survives a failover), retryWrites true (inserts are
// idempotent by _id), reads of history and statistics from the primary
// (they see what was just shipped; secondaryPreferred takes them off the
// primary at the price of lag), connect and server selection timeouts of
// 10 s, and no operation timeout (the shipper bounds each batch). w=0 is
// refused. The read preference applies to History and AgentStats only;
// Get reads as the client does.
//
// # Analytics on compatible servers
//
// Stats use one accumulator per $group ($sum only) and fold the groups in
// Go: some compatible servers implement no other accumulator and silently
// return 0 for every accumulator but the first of a $group.
//
// # Concurrency
//
// A Store is safe for concurrent use, as the driver's client is.
package mongostore
