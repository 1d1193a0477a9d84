package audit_test

import (
	"context"
	"encoding/json"
	"fmt"
	"log"
	"os"
	"time"

	"codexec/audit"
	"codexec/result"
)

// The service's side of the audit trail: check before running, record
// after, close at the end.
func Example() {
	dir, err := os.MkdirTemp("", "audit-example-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	rec, err := audit.Open(audit.Config{DataDir: dir, MinFreeBytes: 1 << 20}) // no MongoURI: the embedded store
	if err != nil {
		log.Fatal(err)
	}
	if err := rec.Ready(); err != nil {
		log.Fatal(err) // refuse the execution: it must not run unaudited
	}
	startedAt := time.Now()
	res := result.Result{ID: "exec_example", Success: true, Status: result.OK, Output: json.RawMessage(`{"sum":2}`),
		Language: "javascript", ExecutionTime: 1.5}
	res.Normalize()
	err = rec.Append(context.Background(), audit.NewRecord(res,
		audit.Origin{AgentID: "agent-1", ChannelID: "default", Code: "return {sum: 1 + 1}"}, startedAt))
	if err != nil {
		log.Fatal(err)
	}
	if err := rec.Flush(context.Background()); err != nil {
		log.Fatal(err)
	}
	got, err := rec.Get(context.Background(), "exec_example")
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println(got.Status, string(got.Output), got.CodeLength)
	if err := rec.Close(context.Background()); err != nil {
		log.Fatal(err)
	}
	// Output: ok {"sum":2} 19
}
