package mongostore

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
	"go.mongodb.org/mongo-driver/v2/mongo/options"
	"go.mongodb.org/mongo-driver/v2/mongo/readpref"

	"codexec/audit/audittest"
	"codexec/audit/schema"
	"codexec/config"
)

func ptr[T any](v T) *T { return &v }

// The settings in force: defaults, the URI's, the configuration's, the two
// agreeing, and every disagreement refused with both values named.
func TestResolve(t *testing.T) {
	const host = "mongodb://user:s3cret@db-0.example:27017,db-1.example:27017/?replicaSet=rs0"
	defaults := Settings{W: "majority", Journal: true, RetryWrites: true, ReadPreference: "primary",
		ConnectTimeout: 10 * time.Second, ServerSelectionTimeout: 10 * time.Second}
	tests := []struct {
		name string
		uri  string
		cfg  string // config.MongoOptions as JSON
		want Settings
	}{
		{"defaults", host, `{}`, defaults},
		{"from the configuration", host,
			`{"w": 2, "journal": false, "retryWrites": false, "readPreference": "secondaryPreferred", "connectTimeoutMS": 2000, "serverSelectionTimeoutMS": 3000, "timeoutMS": 30000}`,
			Settings{W: "2", Journal: false, RetryWrites: false, ReadPreference: "secondaryPreferred",
				ConnectTimeout: 2 * time.Second, ServerSelectionTimeout: 3 * time.Second, Timeout: 30 * time.Second}},
		{"from the URI", host + "&w=3&journal=true&retryWrites=false&readPreference=nearest&connectTimeoutMS=1500&serverSelectionTimeoutMS=2500&timeoutMS=9000", `{}`,
			Settings{W: "3", Journal: true, RetryWrites: false, ReadPreference: "nearest",
				ConnectTimeout: 1500 * time.Millisecond, ServerSelectionTimeout: 2500 * time.Millisecond, Timeout: 9 * time.Second,
				FromURI: []string{"w", "journal", "retryWrites", "readPreference", "connectTimeoutMS", "serverSelectionTimeoutMS", "timeoutMS"}}},
		{"both, agreeing", host + "&w=majority&readPreference=SECONDARYPREFERRED&timeoutMS=5000", `{"w": "majority", "readPreference": "secondaryPreferred", "timeoutMS": 5000}`,
			Settings{W: "majority", Journal: true, RetryWrites: true, ReadPreference: "secondaryPreferred",
				ConnectTimeout: 10 * time.Second, ServerSelectionTimeout: 10 * time.Second, Timeout: 5 * time.Second,
				FromURI: []string{"w", "readPreference", "timeoutMS"}}},
	}
	for _, tt := range tests {
		var o config.MongoOptions
		if err := json.Unmarshal([]byte(tt.cfg), &o); err != nil {
			t.Fatal(err)
		}
		got, err := Resolve(tt.uri, o, 0)
		if err != nil || !reflect.DeepEqual(got, tt.want) {
			t.Errorf("%s: Resolve = %+v, %v\nwant %+v", tt.name, got, err, tt.want)
		}
	}
	if s, err := Resolve(host, config.MongoOptions{}, 5*time.Second); err != nil || s.ServerSelectionTimeout != 5*time.Second {
		t.Errorf("the caller's selection default: %+v, %v", s, err)
	}

	refused := []struct {
		name, uri string
		cfg       config.MongoOptions
		says      string
	}{
		{"w", host + "&w=1", config.MongoOptions{W: "majority"}, "w is 1 in the URI and majority in the configuration"},
		{"journal", host + "&journal=false", config.MongoOptions{Journal: ptr(true)}, "journal is false in the URI and true in the configuration"},
		{"retryWrites", host + "&retryWrites=true", config.MongoOptions{RetryWrites: ptr(false)}, "retryWrites is true in the URI and false"},
		{"readPreference", host + "&readPreference=primary", config.MongoOptions{ReadPreference: "nearest"}, "readPreference is primary in the URI and nearest"},
		{"connectTimeoutMS", host + "&connectTimeoutMS=1000", config.MongoOptions{ConnectTimeoutMS: 2000}, "connectTimeoutMS is 1000 in the URI and 2000"},
		{"serverSelectionTimeoutMS", host + "&serverSelectionTimeoutMS=1000", config.MongoOptions{ServerSelectionTimeoutMS: 2000}, "serverSelectionTimeoutMS is 1000"},
		{"timeoutMS", host + "&timeoutMS=1000", config.MongoOptions{TimeoutMS: 2000}, "timeoutMS is 1000 in the URI and 2000"},
		{"w=0 in the URI", host + "&w=0", config.MongoOptions{}, "w=0 in the URI asks for no acknowledgement"},
		{"w 0 in the configuration", host, config.MongoOptions{W: "0"}, "w 0 asks for no acknowledgement"},
		{"w not a number", host, config.MongoOptions{W: "most"}, `w "most"`},
		{"w too many", host, config.MongoOptions{W: "51"}, "w 51 is outside [1, 50]"},
		{"read preference", host, config.MongoOptions{ReadPreference: "secondaryOnly"}, `readPreference "secondaryOnly" is not one of primary,`},
		{"read preference in the URI", host + "&readPreference=fastest", config.MongoOptions{}, `in the URI: invalid MongoDB option: readPreference "fastest"`},
		{"negative timeout", host, config.MongoOptions{TimeoutMS: -1}, "timeoutMS -1 is outside"},
		{"huge timeout", host, config.MongoOptions{ConnectTimeoutMS: 3_600_000}, "connectTimeoutMS 3600000 is outside"},
		{"not a URI", "mongodb://user:s3cret@db:notaport/", config.MongoOptions{}, "does not parse"},
	}
	for _, tt := range refused {
		_, err := Resolve(tt.uri, tt.cfg, 0)
		if !errors.Is(err, config.ErrMongoOption) || !strings.Contains(err.Error(), tt.says) {
			t.Errorf("%s: %v; want ErrMongoOption saying %q", tt.name, err, tt.says)
		}
		if err != nil && strings.Contains(err.Error(), "s3cret") {
			t.Errorf("%s: the error shows the password: %v", tt.name, err)
		}
	}
}

// The settings reach the server: inserts carry the write concern (w
// majority, journaled) and the operation timeout; a server that speaks
// MongoDB's protocol takes writes and answers queries with them. (The
// read preference shows on the wire only to a replica set or mongos:
// TestAnalyticsReadPreference checks what the driver is given.)
func TestSettingsApplied(t *testing.T) {
	uri := audittest.MongoURI(t)
	var mu sync.Mutex
	sent := map[string][]bson.Raw{}
	mon := &event.CommandMonitor{Started: func(_ context.Context, e *event.CommandStartedEvent) {
		mu.Lock()
		defer mu.Unlock()
		sent[e.CommandName] = append(sent[e.CommandName], append(bson.Raw(nil), e.Command...))
	}}
	s, err := Open(Options{URI: uri, Database: "codexec_test", Collection: audittest.UniqueName("executions"), Logger: quiet, monitor: mon,
		Client: config.MongoOptions{W: "majority", Journal: ptr(true), RetryWrites: ptr(true), ReadPreference: "secondaryPreferred",
			ConnectTimeoutMS: 5000, ServerSelectionTimeoutMS: 5000, TimeoutMS: 20000}})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = s.Drop(context.Background())
		s.Close()
	})
	ctx := context.Background()
	if err := s.EnsureIndexes(ctx); err != nil {
		t.Fatal(err)
	}
	seed := audittest.Seed()
	if err := s.Append(ctx, seed...); err != nil {
		t.Fatalf("Append with w majority, journaled: %v", err)
	}
	if err := s.Append(ctx, seed...); err != nil {
		t.Fatalf("Append again: %v", err)
	}
	h, err := s.History(ctx, schema.Filter{HostID: "host-2", Limit: 100})
	if err != nil || len(h) != 13 {
		t.Errorf("History(host-2) = %d records, %v; want 13", len(h), err)
	}
	st, err := s.AgentStats(ctx, "agent-a", "")
	if err != nil || st.TotalExecutions != 24 {
		t.Errorf("AgentStats = %+v, %v", st, err)
	}
	if _, err := s.Get(ctx, "exec_a00"); err != nil {
		t.Fatal(err)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(sent["insert"]) == 0 {
		t.Fatal("no insert command seen")
	}
	for _, c := range sent["insert"] {
		wc, err := c.LookupErr("writeConcern")
		if err != nil {
			t.Errorf("an insert without a write concern: %s", c)
			continue
		}
		if w, j := wc.Document().Lookup("w").StringValue(), wc.Document().Lookup("j"); w != "majority" || !j.Boolean() {
			t.Errorf("insert's write concern %s, want w majority, j true", wc)
		}
		if _, err := c.LookupErr("maxTimeMS"); err != nil {
			t.Errorf("an insert without maxTimeMS (timeoutMS): %s", c)
		}
	}
	if s.Settings().ReadPreference != "secondaryPreferred" || s.Settings().Timeout != 20*time.Second {
		t.Errorf("settings %+v", s.Settings())
	}
	t.Logf("%d inserts with w majority, j true and maxTimeMS", len(sent["insert"]))
}

// History and statistics read with the configured read preference; with
// none configured, or one the URI gave (its tags and staleness with it),
// they read as the client does.
func TestAnalyticsReadPreference(t *testing.T) {
	const uri = "mongodb://db-0.example,db-1.example/?replicaSet=rs0"
	mode := func(s Settings) *readpref.ReadPref {
		var co options.CollectionOptions
		for _, set := range s.analytics().Opts {
			if err := set(&co); err != nil {
				t.Fatal(err)
			}
		}
		return co.ReadPreference
	}
	for _, tc := range []struct {
		uri, cfg string
		want     readpref.Mode // 0: the client's
	}{
		{uri, "", 0},
		{uri, "primary", 0},
		{uri, "secondaryPreferred", readpref.SecondaryPreferredMode},
		{uri, "nearest", readpref.NearestMode},
		{uri + "&readPreference=secondary&readPreferenceTags=dc:east", "", 0},
	} {
		s, err := Resolve(tc.uri, config.MongoOptions{ReadPreference: tc.cfg}, 0)
		if err != nil {
			t.Fatal(err)
		}
		rp := mode(s)
		switch {
		case tc.want == 0 && rp != nil:
			t.Errorf("%s, %q: analytics read %v, want the client's", tc.uri, tc.cfg, rp)
		case tc.want != 0 && (rp == nil || rp.Mode() != tc.want):
			t.Errorf("%s, %q: analytics read %v, want %v", tc.uri, tc.cfg, rp, tc.want)
		}
	}
}
