package audittest

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"codexec/audit/schema"
	"codexec/result"
)

// NewStore returns an empty store for one test; the suite closes it.
type NewStore func(t *testing.T) schema.Store

// RunStoreTests runs the conformance suite against the stores newStore
// makes: every store answers every query with the same records, in the same
// order, and the same numbers.
func RunStoreTests(t *testing.T, newStore NewStore) {
	tests := []struct {
		name string
		fn   func(t *testing.T, s schema.Store)
	}{
		{"RoundTrip", testRoundTrip},
		{"NotFound", testNotFound},
		{"Idempotent", testIdempotent},
		{"Output", testOutput},
		{"Huge", testHuge},
		{"History", testHistory},
		{"ByCodeHash", testByCodeHash},
		{"RecentFailures", testRecentFailures},
		{"Stats", testStats},
		{"Purge", testPurge},
		{"InvalidQueries", testInvalidQueries},
		{"InvalidRecord", testInvalidRecord},
		{"Concurrent", testConcurrent},
		{"RefusedIDs", testRefusedIDs},
		{"Hosts", testHosts},
		{"IDCollision", testIDCollision},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newStore(t)
			t.Cleanup(func() {
				if err := s.Close(); err != nil {
					t.Errorf("Close: %v", err)
				}
			})
			tt.fn(t, s)
		})
	}
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	t.Cleanup(cancel)
	return c
}

func seed(t *testing.T, s schema.Store) []schema.Record {
	t.Helper()
	recs := Seed()
	// Two batches, in an order that is not the time order.
	if err := s.Append(ctx(t), recs[10:]...); err != nil {
		t.Fatalf("Append: %v", err)
	}
	if err := s.Append(ctx(t), recs[:10]...); err != nil {
		t.Fatalf("Append: %v", err)
	}
	return recs
}

// ids lists the ids of recs.
func ids(recs []schema.Record) []string {
	out := make([]string, len(recs))
	for i, r := range recs {
		out[i] = r.ID
	}
	return out
}

// aIDs is exec_aNN for each n.
func aIDs(n ...int) []string {
	out := make([]string, len(n))
	for i, k := range n {
		out[i] = fmt.Sprintf("exec_a%02d", k)
	}
	return out
}

// Equal reports the first difference between two records, or "".
func Equal(got, want schema.Record) string {
	if !bytes.Equal(got.Output, want.Output) {
		return fmt.Sprintf("output = %s, want %s", got.Output, want.Output)
	}
	if !got.ExecutedAt.Equal(want.ExecutedAt) || got.ExecutedAt.Location().String() != "UTC" {
		return fmt.Sprintf("executedAt = %v, want %v", got.ExecutedAt, want.ExecutedAt)
	}
	g, w := got, want
	g.Output, w.Output = nil, nil
	g.ExecutedAt, w.ExecutedAt = time.Time{}, time.Time{}
	if !reflect.DeepEqual(g, w) {
		gj, _ := json.Marshal(g)
		wj, _ := json.Marshal(w)
		return fmt.Sprintf("record differs:\n got %s\nwant %s", gj, wj)
	}
	return ""
}

func testRoundTrip(t *testing.T, s schema.Store) {
	want := Full("exec_full", Base.Add(123456789*time.Microsecond))
	if err := s.Append(ctx(t), want); err != nil {
		t.Fatalf("Append: %v", err)
	}
	got, err := s.Get(ctx(t), want.ID)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if d := Equal(got, want); d != "" {
		t.Error(d)
	}
	if got.ExecutedAt.Nanosecond()%int(time.Millisecond) != 0 {
		t.Errorf("executedAt %v is finer than a millisecond", got.ExecutedAt)
	}
	if *got.PeerUID != 1000 || *got.PeerGID != 1000 || *got.PeerPID != 4242 {
		t.Errorf("peer = %d/%d/%d, want 1000/1000/4242", *got.PeerUID, *got.PeerGID, *got.PeerPID)
	}
	// A record without peer credentials comes back without them.
	bare := Seed()[0]
	if err := s.Append(ctx(t), bare); err != nil {
		t.Fatal(err)
	}
	got, err = s.Get(ctx(t), bare.ID)
	if err != nil {
		t.Fatal(err)
	}
	if got.PeerUID != nil || got.PeerGID != nil || got.PeerPID != nil {
		t.Errorf("peer credentials appeared: %v %v %v", got.PeerUID, got.PeerGID, got.PeerPID)
	}
	if d := Equal(got, bare); d != "" {
		t.Error(d)
	}
}

func testNotFound(t *testing.T, s schema.Store) {
	_, err := s.Get(ctx(t), "exec_nothing")
	if !errors.Is(err, schema.ErrNotFound) {
		t.Errorf("Get of a missing id: %v, want ErrNotFound", err)
	}
}

func testIdempotent(t *testing.T, s schema.Store) {
	first := Full("exec_dup", Base)
	second := first
	second.Output = json.RawMessage(`"second write"`)
	other := Full("exec_other", Base.Add(time.Second))
	if err := s.Append(ctx(t), first); err != nil {
		t.Fatal(err)
	}
	// Again, alone and in a batch with a new record and itself.
	if err := s.Append(ctx(t), second); err != nil {
		t.Fatalf("Append of a stored id: %v", err)
	}
	if err := s.Append(ctx(t), second, other, other); err != nil {
		t.Fatalf("Append of a batch with stored ids: %v", err)
	}
	got, err := s.Get(ctx(t), "exec_dup")
	if err != nil {
		t.Fatal(err)
	}
	if d := Equal(got, first); d != "" {
		t.Errorf("the first write must win: %s", d)
	}
	all, err := s.History(ctx(t), schema.Filter{})
	if err != nil {
		t.Fatal(err)
	}
	if g, w := ids(all), []string{"exec_other", "exec_dup"}; !reflect.DeepEqual(g, w) {
		t.Errorf("history = %v, want %v", g, w)
	}
	st, err := s.AgentStats(ctx(t), "agent-full", "")
	if err != nil {
		t.Fatal(err)
	}
	if st.TotalExecutions != 2 {
		t.Errorf("stats count %d executions, want 2", st.TotalExecutions)
	}
}

// OutputCases are JSON values whose text must come back byte for byte
// (after compaction).
var OutputCases = []struct {
	Name, JSON string
}{
	{"null", `null`},
	{"dotted keys", `{"a.b":1,"x.y.z":{"c.d":[1,2]}}`},
	{"dollar keys", `{"$set":{"$inc":1},"$":"x","a$b":2,"$where":"1"}`},
	{"dotted and dollar nested in arrays", `[[{"$k.v":[{"..":null}]}],[]]`},
	{"empty key", `{"":"empty","a":{"":[]}}`},
	{"big integers", `{"n":123456789012345678901234567890,"m":-9223372036854775809,"u":18446744073709551616}`},
	{"number spellings", `[1.0,1e400,-0,0.1,1E+2,2.5e-10,100000000000000000000000.5]`},
	{"unicode", `{"emoji":"😀👍🏽","rtl":"שלום","cjk":"漢字","esc":"\u0000\u001f\ud83d\ude00","nul\u0000key":1}`},
	{"html characters", `{"<tag>":"a & b > c"}`},
	{"string", `"just a string"`},
	{"number", `42`},
	{"boolean", `false`},
	{"key order kept", `{"z":1,"a":2,"m":3}`},
	{"duplicate keys kept", `{"k":1,"k":2}`},
	{"deep", strings.Repeat(`{"d":[`, 60) + `1` + strings.Repeat(`]}`, 60)},
	{"whitespace compacted", " { \"a\" :\n [ 1 , 2 ] } "},
}

func testOutput(t *testing.T, s schema.Store) {
	for i, tc := range OutputCases {
		t.Run(tc.Name, func(t *testing.T) {
			rec := Full(fmt.Sprintf("exec_out%02d", i), Base.Add(time.Duration(i)*time.Second))
			rec.Output = json.RawMessage(tc.JSON)
			rec.Normalize()
			var want bytes.Buffer
			if err := json.Compact(&want, []byte(tc.JSON)); err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(rec.Output, want.Bytes()) {
				t.Fatalf("Normalize changed the output: %s, want %s", rec.Output, want.Bytes())
			}
			if err := s.Append(ctx(t), rec); err != nil {
				t.Fatalf("Append: %v", err)
			}
			got, err := s.Get(ctx(t), rec.ID)
			if err != nil {
				t.Fatalf("Get: %v", err)
			}
			if d := Equal(got, rec); d != "" {
				t.Error(d)
			}
		})
	}
}

// testHuge stores the largest record the default caps allow: 1 MiB of
// output JSON and 1,000 log lines of 1 KiB.
func testHuge(t *testing.T, s schema.Store) {
	rec := Full("exec_huge", Base)
	var out bytes.Buffer
	out.WriteString(`{"$big.keys":[`)
	for i := 0; out.Len() < (1<<20)-64; i++ {
		if i > 0 {
			out.WriteByte(',')
		}
		fmt.Fprintf(&out, `{"k.%d":%d.%d,"s":"%s"}`, i, i, i, strings.Repeat("é", 20))
	}
	out.WriteString(`]}`)
	rec.Output = out.Bytes()
	rec.Logs = make([]result.Log, 1000)
	for i := range rec.Logs {
		rec.Logs[i] = result.Log{Level: "log", Message: fmt.Sprintf("%04d %s", i, strings.Repeat("x", 1019))}
	}
	rec.Normalize()
	if rec.Truncated != "" {
		t.Fatalf("a record within the default caps was trimmed: %s", rec.Truncated)
	}
	if err := s.Append(ctx(t), rec); err != nil {
		t.Fatalf("Append: %v", err)
	}
	got, err := s.Get(ctx(t), rec.ID)
	if err != nil {
		t.Fatalf("Get: %v", err)
	}
	if d := Equal(got, rec); d != "" {
		t.Error(d[:min(len(d), 500)])
	}
}

func testHistory(t *testing.T, s schema.Store) {
	seed(t, s)
	tests := []struct {
		name string
		f    schema.Filter
		want []string
	}{
		{"default limit is 20, newest first", schema.Filter{},
			append(aIDs(23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5),
				"exec_b4")},
		{"limit", schema.Filter{Limit: 3}, aIDs(23, 22, 21)},
		{"agent", schema.Filter{AgentID: "agent-b"}, []string{"exec_b4", "exec_b3", "exec_b2", "exec_b1", "exec_b0"}},
		{"unknown agent", schema.Filter{AgentID: "agent-x"}, []string{}},
		{"agent and status", schema.Filter{AgentID: "agent-a", Status: result.Timeout}, aIDs(21, 15, 9, 3)},
		{"channel and status", schema.Filter{ChannelID: "ch-2", Status: result.Error}, aIDs(19, 13, 7, 1)},
		{"status across agents", schema.Filter{Status: result.Internal}, []string{"exec_b2"}},
		{"since (inclusive)", schema.Filter{AgentID: "agent-a", Since: Base.Add(20 * time.Minute)}, aIDs(23, 22, 21, 20)},
		{"until (exclusive)", schema.Filter{Until: Base.Add(time.Minute)}, []string{"exec_b0", "exec_a00", "exec_c0"}},
		{"since and until", schema.Filter{Since: Base.Add(2 * time.Minute), Until: Base.Add(4 * time.Minute)},
			[]string{"exec_b3", "exec_a03", "exec_b2", "exec_a02"}},
		{"since with sub-millisecond time", schema.Filter{AgentID: "agent-a", Since: Base.Add(23*time.Minute - time.Microsecond)}, aIDs(23)},
		{"failures of one agent", schema.Filter{AgentID: "agent-b", FailuresOnly: true}, []string{"exec_b3", "exec_b2", "exec_b0"}},
		{"code hash and agent", schema.Filter{CodeHash: Hash(0), AgentID: "agent-b", Limit: 2}, []string{"exec_b4", "exec_b3"}},
		{"everything", schema.Filter{Limit: 1000}, append(append(aIDs(23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5),
			"exec_b4", "exec_a04", "exec_b3", "exec_a03", "exec_b2", "exec_a02", "exec_b1", "exec_a01", "exec_b0", "exec_a00"), "exec_c0")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := s.History(ctx(t), tt.f)
			if err != nil {
				t.Fatalf("History(%+v): %v", tt.f, err)
			}
			if g := ids(got); !reflect.DeepEqual(g, tt.want) {
				t.Errorf("History(%+v) = %v, want %v", tt.f, g, tt.want)
			}
		})
	}
	// Records come back whole.
	got, err := s.History(ctx(t), schema.Filter{AgentID: "agent-a", Limit: 1})
	if err != nil || len(got) != 1 {
		t.Fatalf("History: %v, %d records", err, len(got))
	}
	if d := Equal(got[0], Seed()[len(Seed())-1]); d != "" {
		t.Error(d)
	}

	// Ties in executedAt are broken by id, descending.
	tie := []schema.Record{Full("exec_tie1", Base.Add(time.Hour)), Full("exec_tie3", Base.Add(time.Hour)), Full("exec_tie2", Base.Add(time.Hour))}
	if err := s.Append(ctx(t), tie...); err != nil {
		t.Fatal(err)
	}
	got, err = s.History(ctx(t), schema.Filter{AgentID: "agent-full"})
	if err != nil {
		t.Fatal(err)
	}
	if g, w := ids(got), []string{"exec_tie3", "exec_tie2", "exec_tie1"}; !reflect.DeepEqual(g, w) {
		t.Errorf("ties: %v, want %v", g, w)
	}
}

func testByCodeHash(t *testing.T, s schema.Store) {
	seed(t, s)
	tests := []struct {
		hash  string
		limit int
		want  []string
	}{
		{Hash(0), 0, []string{"exec_a21", "exec_a18", "exec_a15", "exec_a12", "exec_a09", "exec_a06", "exec_b4", "exec_b3", "exec_a03", "exec_b2", "exec_b1", "exec_b0", "exec_a00", "exec_c0"}},
		{Hash(0), 2, aIDs(21, 18)},
		{Hash(2), 3, aIDs(23, 20, 17)},
		{Hash(1), 100, aIDs(22, 19, 16, 13, 10, 7, 4, 1)},
		{strings.Repeat("0", 64), 0, []string{}},
	}
	for _, tt := range tests {
		got, err := s.ByCodeHash(ctx(t), tt.hash, tt.limit)
		if err != nil {
			t.Fatalf("ByCodeHash(%s, %d): %v", tt.hash[:8], tt.limit, err)
		}
		if g := ids(got); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("ByCodeHash(%s, %d) = %v, want %v", tt.hash[:8], tt.limit, g, tt.want)
		}
	}
}

func testRecentFailures(t *testing.T, s schema.Store) {
	seed(t, s)
	tests := []struct {
		agent string
		limit int
		want  []string
	}{
		{"agent-a", 0, aIDs(23, 21, 19, 17, 15, 13, 11, 9, 7, 5)}, // default 10
		{"agent-a", 3, aIDs(23, 21, 19)},
		{"agent-a", 50, aIDs(23, 21, 19, 17, 15, 13, 11, 9, 7, 5, 3, 1)},
		{"agent-b", 0, []string{"exec_b3", "exec_b2", "exec_b0"}},
		{"agent-c", 0, []string{"exec_c0"}},
		{"agent-x", 0, []string{}},
	}
	for _, tt := range tests {
		got, err := s.RecentFailures(ctx(t), tt.agent, "", tt.limit)
		if err != nil {
			t.Fatalf("RecentFailures(%s, %d): %v", tt.agent, tt.limit, err)
		}
		if g := ids(got); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("RecentFailures(%s, %d) = %v, want %v", tt.agent, tt.limit, g, tt.want)
		}
		for _, r := range got {
			if r.Success || r.Error == nil {
				t.Errorf("failure %s: success %v, error %v", r.ID, r.Success, r.Error)
			}
		}
	}
}

func testStats(t *testing.T, s schema.Store) {
	seed(t, s)
	tests := []schema.AgentStats{
		{
			AgentID: "agent-a", TotalExecutions: 24, Successes: 12, SuccessRate: 0.5, AvgTime: 3.875, Timeouts: 4,
			Languages: map[string]int64{"javascript": 18, "typescript": 6},
			Statuses:  map[result.Status]int64{"ok": 12, "error": 4, "timeout": 4, "blocked": 4},
			Hosts:     map[string]int64{"host-1": 8, "host-2": 8, "host-3": 8},
			TotalTime: 93,
		},
		{
			AgentID: "agent-b", TotalExecutions: 5, Successes: 2, SuccessRate: 2.0 / 5, AvgTime: 30, Timeouts: 0,
			Languages: map[string]int64{"javascript": 5},
			Statuses:  map[result.Status]int64{"ok": 2, "memory": 1, "internal": 1, "output_limit": 1},
			Hosts:     map[string]int64{"host-2": 5},
			TotalTime: 150,
		},
		{
			AgentID: "agent-c", TotalExecutions: 1, Successes: 0, SuccessRate: 0, AvgTime: 0.5, Timeouts: 0,
			Languages: map[string]int64{}, // "cobol" is not a language code may be in
			Statuses:  map[result.Status]int64{"invalid": 1},
			Hosts:     map[string]int64{"": 1}, // written before host ids
			TotalTime: 0.5,
		},
		{
			AgentID: "agent-x", Languages: map[string]int64{}, Statuses: map[result.Status]int64{}, Hosts: map[string]int64{},
		},
		{
			// Cancelled executions are counted apart, and not against the
			// success rate.
			// Tool calls are counted across executions, failures apart.
			AgentID: "agent-d", TotalExecutions: 4, Successes: 1, SuccessRate: 0.5, AvgTime: 2.5, Cancelled: 2,
			Languages: map[string]int64{"javascript": 4},
			Statuses:  map[result.Status]int64{"ok": 1, "error": 1, "cancelled": 2},
			Hosts:     map[string]int64{"host-1": 4},
			TotalTime: 10, ToolCalls: 5, ToolFailures: 3,
		},
	}
	var d []schema.Record
	for i, st := range []result.Status{result.OK, result.Cancelled, result.Error, result.Cancelled} {
		d = append(d, record(fmt.Sprintf("exec_d%d", i), "host-1", "agent-d", "ch-1", "javascript", 0, st, float64(i+1), Base.Add(time.Duration(i)*time.Second)))
	}
	call := func(status string) schema.ToolCall {
		return schema.ToolCall{Name: "t", ArgsSHA256: Hash(0), ArgsBytes: 2, Status: status, DurationMs: 1}
	}
	d[0].ToolCalls = []schema.ToolCall{call("ok"), call("ok"), call("not_found")}
	d[2].ToolCalls = []schema.ToolCall{call("invalid_arguments"), call("timeout")}
	if err := s.Append(ctx(t), d...); err != nil {
		t.Fatalf("Append: %v", err)
	}
	for _, want := range tests {
		got, err := s.AgentStats(ctx(t), want.AgentID, want.HostID)
		if err != nil {
			t.Fatalf("AgentStats(%s): %v", want.AgentID, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("AgentStats(%s) =\n %+v\nwant\n %+v", want.AgentID, got, want)
		}
	}
}

func testPurge(t *testing.T, s schema.Store) {
	seed(t, s)
	// Everything before agent-a's 10th execution goes: c0, a00..a09, b0..b4.
	cutoff := Base.Add(10 * time.Minute)
	n, err := s.Purge(ctx(t), cutoff)
	if err != nil {
		t.Fatalf("Purge: %v", err)
	}
	if n != 16 {
		t.Errorf("Purge deleted %d records, want 16", n)
	}
	all, err := s.History(ctx(t), schema.Filter{Limit: 1000})
	if err != nil {
		t.Fatal(err)
	}
	if g, w := ids(all), aIDs(23, 22, 21, 20, 19, 18, 17, 16, 15, 14, 13, 12, 11, 10); !reflect.DeepEqual(g, w) {
		t.Errorf("after the purge: %v, want %v", g, w)
	}
	for _, id := range []string{"exec_a09", "exec_b4", "exec_c0"} {
		if _, err := s.Get(ctx(t), id); !errors.Is(err, schema.ErrNotFound) {
			t.Errorf("Get(%s) after the purge: %v, want ErrNotFound", id, err)
		}
	}
	if _, err := s.Get(ctx(t), "exec_a10"); err != nil {
		t.Errorf("Get(exec_a10), younger than the cutoff: %v", err)
	}
	// The analytics forget the purged records too.
	st, err := s.AgentStats(ctx(t), "agent-b", "")
	if err != nil || st.TotalExecutions != 0 {
		t.Errorf("agent-b stats after the purge: %+v, %v", st, err)
	}
	st, err = s.AgentStats(ctx(t), "agent-a", "")
	if err != nil || st.TotalExecutions != 14 {
		t.Errorf("agent-a stats after the purge: %d executions, %v; want 14", st.TotalExecutions, err)
	}
	byHash, err := s.ByCodeHash(ctx(t), Hash(0), 100)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := ids(byHash), aIDs(21, 18, 15, 12); !reflect.DeepEqual(g, w) {
		t.Errorf("by hash after the purge: %v, want %v", g, w)
	}
	fails, err := s.RecentFailures(ctx(t), "agent-a", "", 100)
	if err != nil {
		t.Fatal(err)
	}
	if g, w := ids(fails), aIDs(23, 21, 19, 17, 15, 13, 11); !reflect.DeepEqual(g, w) {
		t.Errorf("failures after the purge: %v, want %v", g, w)
	}
	// A second purge finds nothing; a purged id may be stored again.
	if n, err := s.Purge(ctx(t), cutoff); err != nil || n != 0 {
		t.Errorf("second Purge: %d, %v; want 0", n, err)
	}
}

func testInvalidQueries(t *testing.T, s schema.Store) {
	if _, err := s.History(ctx(t), schema.Filter{Limit: -1}); !errors.Is(err, schema.ErrInvalidQuery) {
		t.Errorf("negative limit: %v, want ErrInvalidQuery", err)
	}
	if _, err := s.History(ctx(t), schema.Filter{Status: "finished"}); !errors.Is(err, schema.ErrInvalidQuery) {
		t.Errorf("unknown status: %v, want ErrInvalidQuery", err)
	}
	if _, err := s.RecentFailures(ctx(t), "", "", 0); !errors.Is(err, schema.ErrInvalidQuery) {
		t.Errorf("failures without an agent: %v, want ErrInvalidQuery", err)
	}
	if _, err := s.AgentStats(ctx(t), "", ""); !errors.Is(err, schema.ErrInvalidQuery) {
		t.Errorf("stats without an agent: %v, want ErrInvalidQuery", err)
	}
	if _, err := s.ByCodeHash(ctx(t), "", 0); !errors.Is(err, schema.ErrInvalidQuery) {
		t.Errorf("by hash without a hash: %v, want ErrInvalidQuery", err)
	}
}

func testInvalidRecord(t *testing.T, s schema.Store) {
	for _, r := range []schema.Record{
		{Status: result.OK, ExecutedAt: Base},
		{ID: "exec_x", Status: "weird", ExecutedAt: Base},
		{ID: "exec_y", Status: result.OK},
	} {
		if err := s.Append(ctx(t), r); !errors.Is(err, schema.ErrInvalidRecord) {
			t.Errorf("Append(%+v): %v, want ErrInvalidRecord", r, err)
		}
	}
}

func testConcurrent(t *testing.T, s schema.Store) {
	const workers, each = 4, 25
	var wg sync.WaitGroup
	errs := make(chan error, workers)
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < each; i++ {
				r := Full(fmt.Sprintf("exec_w%d_%02d", w, i), Base.Add(time.Duration(w*each+i)*time.Millisecond))
				if err := s.Append(context.Background(), r); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	st, err := s.AgentStats(ctx(t), "agent-full", "")
	if err != nil {
		t.Fatal(err)
	}
	if st.TotalExecutions != workers*each {
		t.Errorf("%d executions stored, want %d", st.TotalExecutions, workers*each)
	}
}

// testRefusedIDs stores the records of requests refused for their ids (and
// a record with hostile ids that does not say so): every store keeps the
// renderings, names the rendered fields, and finds them by the rendering in
// history, failures and stats; nothing raw is stored.
func testRefusedIDs(t *testing.T, s schema.Store) {
	hostile := []struct{ agent, channel, lang string }{
		{"a\u202eb", "c\x1b[31m", "javascript"},
		{"nul\x00", "cr\rEVIL", "javascript"},
		{strings.Repeat("\u202e", 5000), strings.Repeat("c", 5000), "js\x1b]0;x\x07"},
		{"bad\xff", "ok", strings.Repeat("l", 5000)},
	}
	var want []schema.Record
	for i, h := range hostile {
		res := result.Result{ID: fmt.Sprintf("exec_r%d", i), Status: result.Invalid, Language: h.lang, Output: json.RawMessage("null")}
		res.Fail(result.Invalid, "agentId: contains U+202E at character index 1", 0, 0)
		res.Normalize()
		o := schema.Origin{AgentID: h.agent, ChannelID: h.channel, Code: "return 1"}
		if i < 3 { // the last one relies on Normalize alone
			o.Refused = []string{schema.FieldAgentID, schema.FieldChannelID}
			if h.lang != "javascript" {
				o.Refused = append(o.Refused, schema.FieldLanguage)
			}
		}
		want = append(want, schema.NewRecord(res, o, Base.Add(time.Duration(i)*time.Second)))
	}
	// The raw form too: a store that normalizes must come to the same.
	raw := want[3]
	raw.AgentID, raw.Language, raw.RenderedFields = "bad\xff", strings.Repeat("l", 5000), nil
	if err := s.Append(ctx(t), append(want[:3:3], raw)...); err != nil {
		t.Fatalf("Append: %v", err)
	}
	for _, w := range want {
		got, err := s.Get(ctx(t), w.ID)
		if err != nil {
			t.Fatalf("Get(%s): %v", w.ID, err)
		}
		if d := Equal(got, w); d != "" {
			t.Errorf("%s: %s", w.ID, d)
		}
		if !got.Rendered(schema.FieldAgentID) {
			t.Errorf("%s: agentId %q not named as rendered (%q)", w.ID, got.AgentID, got.RenderedFields)
		}
		for _, v := range []string{got.AgentID, got.ChannelID, got.Language} {
			if n := utf8.RuneCountInString(v); n > schema.MaxIDChars {
				t.Errorf("%s: %d characters kept, over %d", w.ID, n, schema.MaxIDChars)
			}
			for _, r := range v {
				if r < 0x20 || r >= 0x7f && r < 0xa0 || r == utf8.RuneError || r >= 0x2000 && r <= 0x206f && !unicode.IsPrint(r) {
					t.Errorf("%s: %q holds %U raw", w.ID, v, r)
				}
			}
		}
	}
	if want[0].AgentID != `a\u202eb` || want[1].ChannelID != `cr\rEVIL` || want[3].AgentID != `bad\xff` ||
		want[2].ChannelID != strings.Repeat("c", schema.MaxIDChars-1)+"…" {
		t.Errorf("renderings: %q %q %q %q", want[0].AgentID, want[1].ChannelID, want[3].AgentID, want[2].ChannelID)
	}
	// Queried by the rendering, as an operator copies it from a listing.
	for _, w := range want {
		h, err := s.History(ctx(t), schema.Filter{AgentID: w.AgentID, ChannelID: w.ChannelID})
		if err != nil || len(h) != 1 || h[0].ID != w.ID {
			t.Errorf("History(agent %q, channel %q) = %v, %v; want %s", w.AgentID, w.ChannelID, ids(h), err, w.ID)
		}
		f, err := s.RecentFailures(ctx(t), w.AgentID, "", 0)
		if err != nil || len(f) != 1 || f[0].ID != w.ID {
			t.Errorf("RecentFailures(%q) = %v, %v; want %s", w.AgentID, ids(f), err, w.ID)
		}
		st, err := s.AgentStats(ctx(t), w.AgentID, "")
		// A language that is not one (refused) counts under none.
		wantLang := int64(0)
		if schema.StatsLanguage(w.Language) {
			wantLang = 1
		}
		if err != nil || st.TotalExecutions != 1 || st.Statuses[result.Invalid] != 1 || st.Languages[w.Language] != wantLang {
			t.Errorf("AgentStats(%q) = %+v, %v", w.AgentID, st, err)
		}
	}
	// The raw value finds nothing: it was never stored.
	if h, err := s.History(ctx(t), schema.Filter{AgentID: "a\u202eb"}); err != nil || len(h) != 0 {
		t.Errorf("History(raw agent id) = %v, %v; want nothing", ids(h), err)
	}
}

// testHosts checks the host filters: history, failures and stats on one
// host or across the fleet, records without a host (written before host
// ids) read as "", and host ids no record can carry refused.
func testHosts(t *testing.T, s schema.Store) {
	seed(t, s)
	history := []struct {
		name string
		f    schema.Filter
		want []string
	}{
		{"one host", schema.Filter{HostID: "host-1", Limit: 100}, aIDs(21, 18, 15, 12, 9, 6, 3, 0)},
		{"one host, newest", schema.Filter{HostID: "host-3", Limit: 3}, aIDs(23, 20, 17)},
		{"host and agent", schema.Filter{HostID: "host-2", AgentID: "agent-b"}, []string{"exec_b4", "exec_b3", "exec_b2", "exec_b1", "exec_b0"}},
		{"host, agent and status", schema.Filter{HostID: "host-2", AgentID: "agent-a", Status: result.Error}, aIDs(19, 13, 7, 1)},
		{"host and failures", schema.Filter{HostID: "host-2", FailuresOnly: true, Until: Base.Add(2 * time.Minute)},
			[]string{"exec_a01", "exec_b0"}},
		{"host and code hash", schema.Filter{HostID: "host-2", CodeHash: Hash(0)}, []string{"exec_b4", "exec_b3", "exec_b2", "exec_b1", "exec_b0"}},
		{"host and time", schema.Filter{HostID: "host-1", Since: Base.Add(10 * time.Minute), Until: Base.Add(19 * time.Minute)}, aIDs(18, 15, 12)},
		{"an agent not on that host", schema.Filter{HostID: "host-1", AgentID: "agent-b"}, []string{}},
		{"a host without records", schema.Filter{HostID: "host-9"}, []string{}},
	}
	for _, tt := range history {
		got, err := s.History(ctx(t), tt.f)
		if err != nil {
			t.Fatalf("History(%s): %v", tt.name, err)
		}
		if g := ids(got); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("History(%s) = %v, want %v", tt.name, g, tt.want)
		}
		for _, r := range got {
			if r.HostID != tt.f.HostID {
				t.Errorf("History(%s): %s has host %q", tt.name, r.ID, r.HostID)
			}
		}
	}
	// A record without a host reads back with "", and the whole fleet's
	// history holds it.
	c0, err := s.Get(ctx(t), "exec_c0")
	if err != nil || c0.HostID != "" {
		t.Errorf("Get(exec_c0) = host %q, %v; want no host", c0.HostID, err)
	}
	if all, err := s.History(ctx(t), schema.Filter{AgentID: "agent-c"}); err != nil || len(all) != 1 {
		t.Errorf("History(agent-c, every host) = %v, %v", ids(all), err)
	}

	fails := []struct {
		agent, host string
		want        []string
	}{
		{"agent-a", "host-1", aIDs(21, 15, 9, 3)},
		{"agent-a", "host-2", aIDs(19, 13, 7, 1)},
		{"agent-a", "", aIDs(23, 21, 19, 17, 15, 13, 11, 9, 7, 5)},
		{"agent-b", "host-1", []string{}},
	}
	for _, tt := range fails {
		got, err := s.RecentFailures(ctx(t), tt.agent, tt.host, 0)
		if err != nil {
			t.Fatalf("RecentFailures(%s, %q): %v", tt.agent, tt.host, err)
		}
		if g := ids(got); !reflect.DeepEqual(g, tt.want) {
			t.Errorf("RecentFailures(%s, %q) = %v, want %v", tt.agent, tt.host, g, tt.want)
		}
	}

	stats := []schema.AgentStats{
		{
			// i = 0, 3, ..., 21: ok when i%6 == 0, timeout when 3;
			// typescript for 0 and 12; times 1 + i/4.
			AgentID: "agent-a", HostID: "host-1", TotalExecutions: 8, Successes: 4, SuccessRate: 0.5, AvgTime: 29.0 / 8, Timeouts: 4,
			Languages: map[string]int64{"javascript": 6, "typescript": 2},
			Statuses:  map[result.Status]int64{"ok": 4, "timeout": 4},
			Hosts:     map[string]int64{"host-1": 8},
			TotalTime: 29,
		},
		{
			AgentID: "agent-b", HostID: "host-1", Languages: map[string]int64{}, Statuses: map[result.Status]int64{}, Hosts: map[string]int64{},
		},
		{
			AgentID: "agent-b", HostID: "host-2", TotalExecutions: 5, Successes: 2, SuccessRate: 2.0 / 5, AvgTime: 30,
			Languages: map[string]int64{"javascript": 5},
			Statuses:  map[result.Status]int64{"ok": 2, "memory": 1, "internal": 1, "output_limit": 1},
			Hosts:     map[string]int64{"host-2": 5},
			TotalTime: 150,
		},
	}
	for _, want := range stats {
		got, err := s.AgentStats(ctx(t), want.AgentID, want.HostID)
		if err != nil {
			t.Fatalf("AgentStats(%s, %s): %v", want.AgentID, want.HostID, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("AgentStats(%s, %s) =\n %+v\nwant\n %+v", want.AgentID, want.HostID, got, want)
		}
	}
	// The per-host counts of the fleet add up to the total.
	all, err := s.AgentStats(ctx(t), "agent-a", "")
	if err != nil {
		t.Fatal(err)
	}
	sum := int64(0)
	for h, n := range all.Hosts {
		one, err := s.AgentStats(ctx(t), "agent-a", h)
		if err != nil {
			t.Fatal(err)
		}
		if one.TotalExecutions != n {
			t.Errorf("host %s: %d executions alone, %d in the fleet's breakdown", h, one.TotalExecutions, n)
		}
		sum += n
	}
	if sum != all.TotalExecutions || all.HostID != "" {
		t.Errorf("fleet stats: hosts %v add up to %d of %d; hostId %q", all.Hosts, sum, all.TotalExecutions, all.HostID)
	}

	// A host id no record can carry is a mistake, not a host without
	// executions.
	for _, bad := range []string{"two words", "nul\x00", "host\u202e", strings.Repeat("h", schema.MaxHostIDChars+1)} {
		if _, err := s.History(ctx(t), schema.Filter{HostID: bad}); !errors.Is(err, schema.ErrInvalidQuery) || !errors.Is(err, schema.ErrInvalidHostID) {
			t.Errorf("History(host %q): %v, want ErrInvalidQuery and ErrInvalidHostID", bad, err)
		}
		if _, err := s.RecentFailures(ctx(t), "agent-a", bad, 0); !errors.Is(err, schema.ErrInvalidQuery) {
			t.Errorf("RecentFailures(host %q): %v, want ErrInvalidQuery", bad, err)
		}
		if _, err := s.AgentStats(ctx(t), "agent-a", bad); !errors.Is(err, schema.ErrInvalidQuery) {
			t.Errorf("AgentStats(host %q): %v, want ErrInvalidQuery", bad, err)
		}
	}
}

// testIDCollision: the same execution shipped again is skipped quietly;
// another execution under a stored id is not stored, the stored one stays,
// the rest of the batch is stored, and Append says which ids collided.
func testIDCollision(t *testing.T, s schema.Store) {
	first := Full("exec_coll", Base)
	first.HostID = "host-a"
	if err := s.Append(ctx(t), first); err != nil {
		t.Fatal(err)
	}
	if err := s.Append(ctx(t), first, first); err != nil {
		t.Fatalf("the same execution again: %v", err)
	}
	other := Full("exec_coll", Base.Add(time.Second))
	other.HostID = "host-b"
	fresh := Full("exec_coll_new", Base)
	err := s.Append(ctx(t), other, fresh)
	var ce *schema.IDCollisionError
	if !errors.Is(err, schema.ErrIDCollision) || !errors.As(err, &ce) || len(ce.Refused) != 1 ||
		ce.Refused[0].HostID != "host-b" || ce.Stored[0].HostID != "host-a" {
		t.Fatalf("another execution under a stored id: %v; want an IDCollisionError naming host-b's record and host-a's", err)
	}
	if !strings.Contains(err.Error(), `exec_coll is stored for host "host-a"`) {
		t.Errorf("the error does not say what is stored: %v", err)
	}
	if got, err := s.Get(ctx(t), "exec_coll"); err != nil || got.HostID != "host-a" || !got.ExecutedAt.Equal(Base) {
		t.Errorf("after the collision: %+v, %v; want host-a's record kept", got.HostID, err)
	}
	if _, err := s.Get(ctx(t), "exec_coll_new"); err != nil {
		t.Errorf("the rest of the batch: %v", err)
	}
	// Two executions under one id in the same batch: the first is stored.
	x, y := Full("exec_coll2", Base), Full("exec_coll2", Base)
	x.HostID, y.HostID = "host-c", "host-d"
	if err := s.Append(ctx(t), x, y); !errors.As(err, &ce) || len(ce.Refused) != 1 || ce.Refused[0].HostID != "host-d" {
		t.Errorf("a batch holding two executions under one id: %v", err)
	}
	if got, err := s.Get(ctx(t), "exec_coll2"); err != nil || got.HostID != "host-c" {
		t.Errorf("exec_coll2: host %q, %v; want host-c", got.HostID, err)
	}
	all, err := s.History(ctx(t), schema.Filter{Limit: 100})
	if err != nil || len(all) != 3 {
		t.Errorf("history: %v, %v; want 3 records", ids(all), err)
	}
}
