package mongostore

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math"
	"sync"
	"time"

	"go.mongodb.org/mongo-driver/v2/bson"
	"go.mongodb.org/mongo-driver/v2/event"
	"go.mongodb.org/mongo-driver/v2/mongo"
	"go.mongodb.org/mongo-driver/v2/mongo/options"

	"codexec/audit/schema"
	"codexec/config"
	"codexec/result"
)

// Defaults of Options.
const (
	DefaultDatabase         = "codexec"
	DefaultCollection       = "executions"
	DefaultRetention        = 30 * 24 * time.Hour
	DefaultSelectionTimeout = 10 * time.Second
)

// Options configure a Store.
type Options struct {
	URI        string        // mongodb:// or mongodb+srv:// (required)
	Database   string        // DefaultDatabase when empty
	Collection string        // DefaultCollection when empty
	Retention  time.Duration // TTL of records; DefaultRetention when 0
	// ServerSelectionTimeout bounds how long an operation waits for a
	// reachable server when neither the URI nor Client says
	// (DefaultSelectionTimeout when 0).
	ServerSelectionTimeout time.Duration
	// Client are the configured client settings (write concern, read
	// preference of history and statistics, timeouts); see Resolve.
	Client config.MongoOptions
	Logger *slog.Logger // slog.Default() when nil

	monitor *event.CommandMonitor // tests: the commands sent
}

// Store is the MongoDB audit store.
type Store struct {
	client    *mongo.Client
	coll      *mongo.Collection
	analytics *mongo.Collection // coll with the read preference of history and statistics
	settings  Settings
	opts      Options
	log       *slog.Logger

	mu            sync.Mutex
	indexed       bool // EnsureIndexes succeeded
	serverExpires bool // the TTL index is in place
}

var _ schema.Store = (*Store)(nil)

// Open configures a client for opts.URI. It does not wait for the server:
// a store whose server is down can be opened, and its operations fail (or
// are retried by the caller) until the server is back.
func Open(opts Options) (*Store, error) {
	if opts.URI == "" {
		return nil, ErrNoURI
	}
	if opts.Database == "" {
		opts.Database = DefaultDatabase
	}
	if opts.Collection == "" {
		opts.Collection = DefaultCollection
	}
	if opts.Retention <= 0 {
		opts.Retention = DefaultRetention
	}
	if opts.ServerSelectionTimeout <= 0 {
		opts.ServerSelectionTimeout = DefaultSelectionTimeout
	}
	if opts.Logger == nil {
		opts.Logger = slog.Default()
	}
	set, err := Resolve(opts.URI, opts.Client, opts.ServerSelectionTimeout)
	if err != nil {
		return nil, err
	}
	co := options.Client().ApplyURI(opts.URI).SetAppName("codexec-supervisor")
	set.apply(co)
	if opts.monitor != nil {
		co.SetMonitor(opts.monitor)
	}
	client, err := mongo.Connect(co)
	if err != nil {
		return nil, fmt.Errorf("configure MongoDB client: %v", redact(err, opts.URI))
	}
	db := client.Database(opts.Database)
	s := &Store{
		client:    client,
		coll:      db.Collection(opts.Collection),
		analytics: db.Collection(opts.Collection, set.analytics()),
		settings:  set,
		opts:      opts,
		log:       opts.Logger.With("component", "audit.mongostore", "database", opts.Database, "collection", opts.Collection),
	}
	s.log.Info("MongoDB client settings", "w", set.W, "journal", set.Journal, "retryWrites", set.RetryWrites,
		"readPreference", set.ReadPreference, "connectTimeout", set.ConnectTimeout, "serverSelectionTimeout", set.ServerSelectionTimeout,
		"timeout", set.Timeout, "fromUri", set.FromURI)
	return s, nil
}

// Settings are the client settings in force (see Resolve).
func (s *Store) Settings() Settings { return s.settings }

// Close disconnects from the server (bounded by a few seconds).
func (s *Store) Close() error {
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	return s.client.Disconnect(ctx)
}

// Ping checks that the server answers.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.client.Ping(ctx, nil); err != nil {
		return fmt.Errorf("ping MongoDB: %w", err)
	}
	return nil
}

// ServerExpires reports whether the server enforces the retention with a
// TTL index; known is false until EnsureIndexes has succeeded.
func (s *Store) ServerExpires() (expires, known bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.serverExpires, s.indexed
}

// Retention is the TTL the store was opened with.
func (s *Store) Retention() time.Duration { return s.opts.Retention }

// Server error codes this package tells apart.
const (
	codeIndexOptionsConflict  = 85
	codeIndexKeySpecsConflict = 86
)

// EnsureIndexes creates the indexes of the package documentation. It is
// idempotent and cheap after its first success; it fails only when the
// server cannot be reached or refuses a non-TTL index.
func (s *Store) EnsureIndexes(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.indexed {
		return nil
	}
	iv := s.coll.Indexes()
	for _, m := range []mongo.IndexModel{
		{Keys: bson.D{{Key: "agentId", Value: 1}, {Key: "executedAt", Value: -1}}},
		{Keys: bson.D{{Key: "codeHash", Value: 1}, {Key: "executedAt", Value: -1}}},
		{Keys: bson.D{{Key: "agentId", Value: 1}, {Key: "success", Value: 1}, {Key: "executedAt", Value: -1}}},
		{Keys: bson.D{{Key: "hostId", Value: 1}, {Key: "executedAt", Value: -1}}},
		{Keys: bson.D{{Key: "agentId", Value: 1}, {Key: "hostId", Value: 1}, {Key: "executedAt", Value: -1}}},
	} {
		if _, err := iv.CreateOne(ctx, m); err != nil {
			return fmt.Errorf("create index %v on %s.%s: %w", m.Keys, s.opts.Database, s.opts.Collection, err)
		}
	}
	expires, err := s.ensureTTL(ctx)
	if err != nil {
		return err
	}
	s.indexed, s.serverExpires = true, expires
	return nil
}

// ensureTTL creates the TTL index, or applies a changed retention to it,
// or, where the server refuses either, a plain index on executedAt.
func (s *Store) ensureTTL(ctx context.Context) (bool, error) {
	secs := int32(min(s.opts.Retention/time.Second, math.MaxInt32))
	keys := bson.D{{Key: "executedAt", Value: 1}}
	_, err := s.coll.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: keys, Options: options.Index().SetExpireAfterSeconds(secs)})
	if err == nil {
		s.log.Debug("TTL index in place", "expireAfterSeconds", secs)
		return true, nil
	}
	var se mongo.ServerError
	if !errors.As(err, &se) {
		return false, fmt.Errorf("create TTL index on executedAt: %w", err)
	}
	if se.HasErrorCode(codeIndexOptionsConflict) || se.HasErrorCode(codeIndexKeySpecsConflict) {
		// The index exists with another TTL, or without one: change it.
		cmd := bson.D{
			{Key: "collMod", Value: s.opts.Collection},
			{Key: "index", Value: bson.D{{Key: "keyPattern", Value: keys}, {Key: "expireAfterSeconds", Value: secs}}},
		}
		if err = s.client.Database(s.opts.Database).RunCommand(ctx, cmd).Err(); err == nil {
			s.log.Info("TTL index changed to the configured retention", "expireAfterSeconds", secs)
			return true, nil
		}
		if !errors.As(err, &se) {
			return false, fmt.Errorf("change TTL index on executedAt: %w", err)
		}
	}
	s.log.Error("the MongoDB server refused the TTL index on executedAt; the supervisor will purge expired audit records itself",
		"retention", s.opts.Retention.String(), "error", err)
	if _, err := s.coll.Indexes().CreateOne(ctx, mongo.IndexModel{Keys: keys}); err != nil {
		var se2 mongo.ServerError
		if !errors.As(err, &se2) || !(se2.HasErrorCode(codeIndexOptionsConflict) || se2.HasErrorCode(codeIndexKeySpecsConflict)) {
			return false, fmt.Errorf("create index on executedAt: %w", err)
		}
	}
	return false, nil
}

// Append implements schema.Store with one unordered insert; ids already
// stored are reported by the server as duplicate keys and skipped.
func (s *Store) Append(ctx context.Context, recs ...schema.Record) error {
	if len(recs) == 0 {
		return nil
	}
	docs := make([]any, 0, len(recs))
	sent := make([]schema.Record, 0, len(recs))
	seen := make(map[string]int, len(recs))
	var stored, refused []schema.Record
	for _, r := range recs {
		r.Normalize()
		if err := r.Validate(); err != nil {
			return err
		}
		if i, ok := seen[r.ID]; ok {
			if !schema.SameExecution(&sent[i], &r) {
				stored, refused = append(stored, sent[i]), append(refused, r)
			}
			continue
		}
		seen[r.ID] = len(sent)
		sent = append(sent, r)
		docs = append(docs, toDoc(&r))
	}
	_, err := s.coll.InsertMany(ctx, docs, options.InsertMany().SetOrdered(false))
	if err != nil && !onlyDuplicates(err) {
		return fmt.Errorf("insert %d audit records into MongoDB: %w", len(docs), err)
	}
	if err != nil {
		// Ids already stored: the same executions shipped again (a lost
		// acknowledgement, a crash before the outbox noted it), or, if the
		// stored one is another execution, a collision to report.
		var bwe mongo.BulkWriteException
		errors.As(err, &bwe)
		dups := make([]schema.Record, 0, len(bwe.WriteErrors))
		for _, we := range bwe.WriteErrors {
			if we.Index >= 0 && we.Index < len(sent) {
				dups = append(dups, sent[we.Index])
			}
		}
		st, rf, cerr := s.collisions(ctx, dups)
		if cerr != nil {
			return cerr
		}
		stored, refused = append(stored, st...), append(refused, rf...)
	}
	return schema.CollisionError(stored, refused)
}

// collisions returns, among recs (ids the server already holds), those
// whose stored record is another execution, with the stored ones.
func (s *Store) collisions(ctx context.Context, recs []schema.Record) (stored, refused []schema.Record, err error) {
	if len(recs) == 0 {
		return nil, nil, nil
	}
	ids := make([]string, len(recs))
	for i, r := range recs {
		ids[i] = r.ID
	}
	cur, err := s.coll.Find(ctx, bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}})
	if err != nil {
		return nil, nil, fmt.Errorf("read back %d audit records already in MongoDB: %w", len(ids), err)
	}
	var docs []doc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, nil, fmt.Errorf("read back %d audit records already in MongoDB: %w", len(ids), err)
	}
	byID := make(map[string]schema.Record, len(docs))
	for i := range docs {
		byID[docs[i].ID] = docs[i].record()
	}
	for _, r := range recs {
		if old, ok := byID[r.ID]; ok && !schema.SameExecution(&old, &r) {
			stored, refused = append(stored, old), append(refused, r)
		}
	}
	return stored, refused, nil
}

// onlyDuplicates reports whether every error of an insert is a duplicate
// key error.
func onlyDuplicates(err error) bool {
	var bwe mongo.BulkWriteException
	if !errors.As(err, &bwe) || bwe.WriteConcernError != nil || len(bwe.WriteErrors) == 0 {
		return false
	}
	for _, we := range bwe.WriteErrors {
		if we.Code != 11000 && we.Code != 11001 && we.Code != 12582 {
			return false
		}
	}
	return true
}

// Get implements schema.Store.
func (s *Store) Get(ctx context.Context, id string) (schema.Record, error) {
	var d doc
	err := s.coll.FindOne(ctx, bson.D{{Key: "_id", Value: id}}).Decode(&d)
	if errors.Is(err, mongo.ErrNoDocuments) {
		return schema.Record{}, fmt.Errorf("get %s: %w", id, schema.ErrNotFound)
	}
	if err != nil {
		return schema.Record{}, fmt.Errorf("get %s from MongoDB: %w", id, err)
	}
	return d.record(), nil
}

var newestFirst = bson.D{{Key: "executedAt", Value: -1}, {Key: "_id", Value: -1}}

// History implements schema.Store.
func (s *Store) History(ctx context.Context, f schema.Filter) ([]schema.Record, error) {
	f, err := f.Normalized()
	if err != nil {
		return nil, err
	}
	q := bson.D{}
	if f.AgentID != "" {
		q = append(q, bson.E{Key: "agentId", Value: f.AgentID})
	}
	if f.HostID != "" {
		q = append(q, bson.E{Key: "hostId", Value: f.HostID})
	}
	if f.FailuresOnly {
		q = append(q, bson.E{Key: "success", Value: false})
	}
	if f.ChannelID != "" {
		q = append(q, bson.E{Key: "channelId", Value: f.ChannelID})
	}
	if f.Status != "" {
		q = append(q, bson.E{Key: "status", Value: string(f.Status)})
	}
	if f.CodeHash != "" {
		q = append(q, bson.E{Key: "codeHash", Value: f.CodeHash})
	}
	if t := timeRange(f.Since, f.Until); t != nil {
		q = append(q, bson.E{Key: "executedAt", Value: t})
	}
	cur, err := s.analytics.Find(ctx, q, options.Find().SetSort(newestFirst).SetLimit(int64(f.Limit)))
	if err != nil {
		return nil, fmt.Errorf("query audit history in MongoDB: %w", err)
	}
	var docs []doc
	if err := cur.All(ctx, &docs); err != nil {
		return nil, fmt.Errorf("read audit history from MongoDB: %w", err)
	}
	out := make([]schema.Record, len(docs))
	for i := range docs {
		out[i] = docs[i].record()
	}
	return out, nil
}

func timeRange(since, until time.Time) bson.D {
	var t bson.D
	if !since.IsZero() {
		t = append(t, bson.E{Key: "$gte", Value: since})
	}
	if !until.IsZero() {
		t = append(t, bson.E{Key: "$lt", Value: until})
	}
	return t
}

// ByCodeHash implements schema.Store.
func (s *Store) ByCodeHash(ctx context.Context, codeHash string, limit int) ([]schema.Record, error) {
	return schema.ByCodeHash(ctx, s, codeHash, limit)
}

// RecentFailures implements schema.Store.
func (s *Store) RecentFailures(ctx context.Context, agentID, hostID string, limit int) ([]schema.Record, error) {
	return schema.RecentFailures(ctx, s, agentID, hostID, limit)
}

// AgentStats implements schema.Store with three aggregations of one $sum
// each (counts per host, language, status, success and timeout; the total
// time; tool calls per status), folded in Go.
func (s *Store) AgentStats(ctx context.Context, agentID, hostID string) (schema.AgentStats, error) {
	if err := schema.CheckStatsQuery(agentID, hostID); err != nil {
		return schema.AgentStats{}, err
	}
	sel := bson.D{{Key: "agentId", Value: agentID}}
	if hostID != "" {
		sel = append(sel, bson.E{Key: "hostId", Value: hostID})
	}
	match := bson.D{{Key: "$match", Value: sel}}
	groups := mongo.Pipeline{match, {{Key: "$group", Value: bson.D{
		{Key: "_id", Value: bson.D{
			{Key: "h", Value: "$hostId"},
			{Key: "l", Value: "$language"},
			{Key: "s", Value: "$status"},
			{Key: "ok", Value: "$success"},
			{Key: "t", Value: "$timeoutOccurred"},
		}},
		{Key: "n", Value: bson.D{{Key: "$sum", Value: 1}}},
	}}}}
	var counts []struct {
		ID struct {
			Host     *string `bson:"h"` // null or absent: a record without one
			Language string  `bson:"l"`
			Status   string  `bson:"s"`
			Success  bool    `bson:"ok"`
			Timeout  bool    `bson:"t"`
		} `bson:"_id"`
		N int64 `bson:"n"`
	}
	if err := s.aggregate(ctx, groups, &counts); err != nil {
		return schema.AgentStats{}, fmt.Errorf("count executions of agent %s: %w", agentID, err)
	}
	total := mongo.Pipeline{match, {{Key: "$group", Value: bson.D{
		{Key: "_id", Value: nil},
		{Key: "t", Value: bson.D{{Key: "$sum", Value: "$executionTime"}}},
	}}}}
	var sums []struct {
		T float64 `bson:"t"`
	}
	if err := s.aggregate(ctx, total, &sums); err != nil {
		return schema.AgentStats{}, fmt.Errorf("sum execution times of agent %s: %w", agentID, err)
	}
	tools := mongo.Pipeline{match,
		{{Key: "$unwind", Value: "$toolCalls"}},
		{{Key: "$group", Value: bson.D{
			{Key: "_id", Value: "$toolCalls.status"},
			{Key: "n", Value: bson.D{{Key: "$sum", Value: 1}}},
		}}},
	}
	var calls []struct {
		Status string `bson:"_id"`
		N      int64  `bson:"n"`
	}
	if err := s.aggregate(ctx, tools, &calls); err != nil {
		return schema.AgentStats{}, fmt.Errorf("count tool calls of agent %s: %w", agentID, err)
	}
	sb := schema.NewStatsBuilder(agentID, hostID)
	for _, c := range calls {
		failed := int64(0)
		if c.Status != schema.ToolCallOK {
			failed = c.N
		}
		sb.AddToolCalls(c.N, failed)
	}
	for _, c := range counts {
		host := ""
		if c.ID.Host != nil {
			host = *c.ID.Host
		}
		sb.AddGroup(host, c.ID.Language, result.Status(c.ID.Status), c.ID.Success, c.ID.Timeout, c.N)
	}
	for _, x := range sums {
		sb.AddTime(x.T)
	}
	return sb.Stats(), nil
}

func (s *Store) aggregate(ctx context.Context, p mongo.Pipeline, out any) error {
	cur, err := s.analytics.Aggregate(ctx, p)
	if err != nil {
		return err
	}
	return cur.All(ctx, out)
}

// Purge implements schema.Store.
func (s *Store) Purge(ctx context.Context, before time.Time) (int64, error) {
	res, err := s.coll.DeleteMany(ctx, bson.D{{Key: "executedAt", Value: bson.D{{Key: "$lt", Value: before.UTC()}}}})
	if err != nil {
		return 0, fmt.Errorf("purge audit records before %s from MongoDB: %w", before.UTC().Format(time.RFC3339), err)
	}
	return res.DeletedCount, nil
}

// Count returns the number of documents with these ids (all of them when
// ids is empty).
func (s *Store) Count(ctx context.Context, ids ...string) (int64, error) {
	q := bson.D{}
	if len(ids) > 0 {
		q = bson.D{{Key: "_id", Value: bson.D{{Key: "$in", Value: ids}}}}
	}
	return s.coll.CountDocuments(ctx, q)
}

// Drop deletes the collection (for tests).
func (s *Store) Drop(ctx context.Context) error {
	return s.coll.Drop(ctx)
}

// doc is a record as MongoDB keeps it.
type doc struct {
	ID              string        `bson:"_id"`
	AgentID         string        `bson:"agentId"`
	ChannelID       string        `bson:"channelId"`
	HostID          string        `bson:"hostId,omitempty"` // absent in records written before host ids
	Language        string        `bson:"language"`
	CodeHash        string        `bson:"codeHash"`
	CodeLength      int64         `bson:"codeLength"`
	CodeSnippet     string        `bson:"codeSnippet"`
	Success         bool          `bson:"success"`
	Status          string        `bson:"status"`
	Output          string        `bson:"output"` // JSON text
	Logs            []logDoc      `bson:"logs"`
	Error           *errorDoc     `bson:"error"`
	ExecutionTime   float64       `bson:"executionTime"`
	MemoryUsage     float64       `bson:"memoryUsage"`
	TimeoutOccurred bool          `bson:"timeoutOccurred"`
	RiskScore       float64       `bson:"riskScore"`
	Findings        []findingDoc  `bson:"findings"`
	ExecutedAt      time.Time     `bson:"executedAt"`
	PeerUID         *int64        `bson:"peerUid,omitempty"`
	PeerGID         *int64        `bson:"peerGid,omitempty"`
	PeerPID         *int64        `bson:"peerPid,omitempty"`
	Truncated       string        `bson:"truncated,omitempty"`
	RenderedFields  []string      `bson:"renderedFields,omitempty"`
	ToolCalls       []toolCallDoc `bson:"toolCalls,omitempty"`
}

type toolCallDoc struct {
	Name        string  `bson:"name"`
	ArgsSHA256  string  `bson:"argsSha256"`
	ArgsBytes   int64   `bson:"argsBytes"`
	ResultBytes int64   `bson:"resultBytes"`
	Status      string  `bson:"status"`
	DurationMs  float64 `bson:"durationMs"`
}

type logDoc struct {
	Level   string `bson:"level"`
	Message string `bson:"message"`
}

type errorDoc struct {
	Kind    string `bson:"kind"`
	Message string `bson:"message"`
	Line    int64  `bson:"line"`
	Column  int64  `bson:"column"`
}

type findingDoc struct {
	Rule     string `bson:"rule"`
	Severity string `bson:"severity"`
	Message  string `bson:"message"`
	Line     int64  `bson:"line"`
	Column   int64  `bson:"column"`
}

func toDoc(r *schema.Record) *doc {
	d := &doc{
		ID: r.ID, AgentID: r.AgentID, ChannelID: r.ChannelID, HostID: r.HostID, Language: r.Language,
		CodeHash: r.CodeHash, CodeLength: int64(r.CodeLength), CodeSnippet: r.CodeSnippet,
		Success: r.Success, Status: string(r.Status), Output: string(r.Output),
		Logs:          make([]logDoc, len(r.Logs)),
		ExecutionTime: r.ExecutionTime, MemoryUsage: r.MemoryUsage, TimeoutOccurred: r.TimeoutOccurred,
		RiskScore: r.RiskScore, Findings: make([]findingDoc, len(r.Findings)), ExecutedAt: r.ExecutedAt,
		PeerUID: r.PeerUID, PeerGID: r.PeerGID, PeerPID: r.PeerPID, Truncated: r.Truncated,
		RenderedFields: r.RenderedFields,
	}
	for i, l := range r.Logs {
		d.Logs[i] = logDoc(l)
	}
	for i, f := range r.Findings {
		d.Findings[i] = findingDoc{f.Rule, string(f.Severity), f.Message, int64(f.Line), int64(f.Column)}
	}
	for _, c := range r.ToolCalls {
		d.ToolCalls = append(d.ToolCalls, toolCallDoc(c))
	}
	if r.Error != nil {
		d.Error = &errorDoc{string(r.Error.Kind), r.Error.Message, int64(r.Error.Line), int64(r.Error.Column)}
	}
	return d
}

func (d *doc) record() schema.Record {
	r := schema.Record{
		ID: d.ID, AgentID: d.AgentID, ChannelID: d.ChannelID, HostID: d.HostID, Language: d.Language,
		CodeHash: d.CodeHash, CodeLength: int(d.CodeLength), CodeSnippet: d.CodeSnippet,
		Success: d.Success, Status: result.Status(d.Status), Output: json.RawMessage(d.Output),
		Logs:          make([]result.Log, len(d.Logs)),
		ExecutionTime: d.ExecutionTime, MemoryUsage: d.MemoryUsage, TimeoutOccurred: d.TimeoutOccurred,
		RiskScore: d.RiskScore, Findings: make([]result.Finding, len(d.Findings)), ExecutedAt: d.ExecutedAt.UTC(),
		PeerUID: d.PeerUID, PeerGID: d.PeerGID, PeerPID: d.PeerPID, Truncated: d.Truncated,
		RenderedFields: d.RenderedFields,
	}
	if len(r.Output) == 0 {
		r.Output = json.RawMessage("null")
	}
	for i, l := range d.Logs {
		r.Logs[i] = result.Log(l)
	}
	for i, f := range d.Findings {
		r.Findings[i] = result.Finding{Rule: f.Rule, Severity: result.Severity(f.Severity), Message: f.Message, Line: int(f.Line), Column: int(f.Column)}
	}
	for _, c := range d.ToolCalls {
		r.ToolCalls = append(r.ToolCalls, schema.ToolCall(c))
	}
	if d.Error != nil {
		r.Error = &result.ErrorInfo{Kind: result.Status(d.Error.Kind), Message: d.Error.Message, Line: int(d.Error.Line), Column: int(d.Error.Column)}
	}
	return r
}
