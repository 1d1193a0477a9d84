package audittest

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"codexec/audit/schema"
	"codexec/result"
)

// Base is the time the seeded data set starts at.
var Base = time.Date(2025, 3, 14, 15, 9, 26, 535_000_000, time.UTC)

// Codes are the three pieces of code the seeded records ran.
var Codes = []string{"return 1 + 1", "console.log('x'); return context", "for (;;) {}"}

// Hash is the SHA-256 of Codes[i].
func Hash(i int) string {
	h := sha256.Sum256([]byte(Codes[i]))
	return hex.EncodeToString(h[:])
}

// Seed returns the data set the conformance suite queries, oldest first:
//
//   - agent-a: 24 executions, one a minute from Base; status cycles through
//     ok, error, ok, timeout, ok, blocked; typescript when i%4 == 0, else
//     javascript; executionTime 1 + i/4 ms; channel ch-1 for even i, ch-2 for
//     odd; code Codes[i%3]; host host-(i%3+1).
//   - agent-b: 5 executions, 30 s after each of agent-a's first five;
//     statuses memory, ok, internal, output_limit, ok; javascript;
//     executionTime 10, 20, 30, 40, 50 ms; channel ch-1; code Codes[0];
//     host host-2.
//   - agent-c: one invalid execution a day before Base, language "cobol",
//     code Codes[0]; no host (a record written before host ids).
//
// Ids are exec_a00..exec_a23, exec_b0..exec_b4 and exec_c0.
func Seed() []schema.Record { return SeedAt(Base) }

// SeedAt is Seed starting at base instead of Base (for tests whose records
// must be younger than a retention).
func SeedAt(base time.Time) []schema.Record {
	var out []schema.Record
	out = append(out, record("exec_c0", "", "agent-c", "ch-1", "cobol", 0, result.Invalid, 0.5, base.Add(-24*time.Hour)))
	statuses := []result.Status{result.OK, result.Error, result.OK, result.Timeout, result.OK, result.Blocked}
	bStatuses := []result.Status{result.Memory, result.OK, result.Internal, result.OutputLimit, result.OK}
	for i := 0; i < 24; i++ {
		lang := "javascript"
		if i%4 == 0 {
			lang = "typescript"
		}
		ch := "ch-1"
		if i%2 == 1 {
			ch = "ch-2"
		}
		at := base.Add(time.Duration(i) * time.Minute)
		out = append(out, record(fmt.Sprintf("exec_a%02d", i), fmt.Sprintf("host-%d", i%3+1), "agent-a", ch, lang, i%3, statuses[i%6], 1+float64(i)/4, at))
		if i < 5 {
			out = append(out, record(fmt.Sprintf("exec_b%d", i), "host-2", "agent-b", "ch-1", "javascript", 0, bStatuses[i], float64(10*(i+1)), at.Add(30*time.Second)))
		}
	}
	return out
}

func record(id, host, agent, channel, lang string, code int, st result.Status, ms float64, at time.Time) schema.Record {
	res := result.Result{
		ID:            id,
		Status:        st,
		Output:        json.RawMessage(`null`),
		ExecutionTime: ms,
		Language:      lang,
		CodeHash:      Hash(code),
		ResourceUsage: result.ResourceUsage{Memory: 12.5, Timeout: st == result.Timeout},
	}
	switch st {
	case result.OK:
		res.Output = json.RawMessage(fmt.Sprintf(`{"id":%q,"n":%d}`, id, code))
		res.Logs = []result.Log{{Level: "log", Message: "ran " + id}}
	case result.Blocked:
		res.Validation = result.Validation{RiskScore: 1, Findings: []result.Finding{
			{Rule: "eval", Severity: result.SeverityBlock, Message: "eval is not allowed", Line: 1, Column: 1},
		}}
		res.Fail(st, "blocked by validation", 0, 0)
	default:
		res.Fail(st, string(st)+" in "+id, 1, 2)
	}
	res.Normalize()
	r := schema.NewRecord(res, schema.Origin{AgentID: agent, ChannelID: channel, Code: Codes[code]}, at)
	r.HostID = host
	return r
}

// FullHost is the host id of Full's records.
const FullHost = "host-full.example.com"

// Full returns a record with every field set, the peer's credentials and
// the host id included.
func Full(id string, at time.Time) schema.Record {
	res := result.Result{
		ID:            id,
		Status:        result.Error,
		Output:        json.RawMessage(`{"partial":[1,2,3]}`),
		Logs:          []result.Log{{Level: "log", Message: "start"}, {Level: "warn", Message: "ünïcødé ✓"}},
		ExecutionTime: 3.2,
		ResourceUsage: result.ResourceUsage{Memory: 12.5, CPUTime: 2.1},
		Validation: result.Validation{RiskScore: 0.25, Findings: []result.Finding{
			{Rule: "loop-no-exit", Severity: result.SeverityWarn, Message: "loop without a visible exit", Line: 3, Column: 5},
		}},
		Language: "typescript",
	}
	res.Fail(result.Error, "TypeError: x is not a function", 4, 9)
	res.Normalize()
	code := "const x: number = 1;\nx();"
	r := schema.NewRecord(res, schema.Origin{AgentID: "agent-full", ChannelID: "chan-full", Code: code}, at)
	r.SetPeer(1000, 1000, 4242)
	r.HostID = FullHost
	r.ToolCalls = []schema.ToolCall{
		{Name: "crm.findCustomer", ArgsSHA256: Hash(1), ArgsBytes: 24, ResultBytes: 310, Status: schema.ToolCallOK, DurationMs: 1.25},
		{Name: "crm.deleteAll", ArgsSHA256: Hash(2), ArgsBytes: 2, Status: "undeclared", DurationMs: 0.01},
	}
	return r
}
