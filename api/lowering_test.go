package api_test

import (
	"context"
	"encoding/json"
	"net/http"
	"testing"

	"codexec/api/wire"
	"codexec/result"
)

// Through the socket: a body without "context" (raw HTTP and the Go
// client) gives the code {}, and tsExperimentalDecorators reaches the
// service (TypeScript only).
func TestDefaultContextAndDecoratorField(t *testing.T) {
	d := startDaemon(t, daemonOpts{})
	ctx := context.Background()
	const destructure = "const { items = [] } = context; return [items.length, typeof context]"

	code, body := d.do(t, "POST", "/v1/executions", `{"code": "`+destructure+`"}`)
	var res result.Result
	if err := json.Unmarshal(body, &res); code != http.StatusOK || err != nil || res.Status != result.OK || string(res.Output) != `[0,"object"]` {
		t.Fatalf("raw body without context: %d %s", code, body)
	}
	res, err := d.c.Execute(ctx, wire.ExecuteRequest{Code: destructure})
	if err != nil || res.Status != result.OK || string(res.Output) != `[0,"object"]` {
		t.Fatalf("Go client without context: %+v %v", res, err)
	}

	param := "const seen: string[] = [];\nfunction p(t: any, k: string, i: number) { seen.push(k + i) }\nclass S { m(@p a: number) {} }\nreturn seen;"
	res, err = d.c.Execute(ctx, wire.ExecuteRequest{Code: param, Language: "typescript", TSExperimentalDecorators: true})
	if err != nil || res.Status != result.OK || string(res.Output) != `["m0"]` {
		t.Fatalf("experimental decorators through the client: %+v %v", res, err)
	}
	code, body = d.do(t, "POST", "/v1/executions", `{"code": `+string(mustJSON(t, param))+`, "language": "typescript"}`)
	if err := json.Unmarshal(body, &res); code != http.StatusOK || err != nil || res.Status != result.Error {
		t.Fatalf("parameter decorator without the field: %d %s, want status error", code, body)
	}
	code, body = d.do(t, "POST", "/v1/executions", `{"code": "return 1", "tsExperimentalDecorators": true}`)
	if err := json.Unmarshal(body, &res); code != http.StatusOK || err != nil || res.Status != result.Invalid {
		t.Fatalf("the field with javascript: %d %s, want status invalid", code, body)
	}
	code, body = d.do(t, "POST", "/v1/executions", `{"code": "return 1", "tsExperimentalDecorators": "yes"}`)
	if code != http.StatusBadRequest || errCode(t, body) != wire.CodeBadRequest {
		t.Fatalf("a string for the field: %d %s, want 400", code, body)
	}

	// Lowered syntax, end to end through the daemon.
	res, err = d.c.Execute(ctx, wire.ExecuteRequest{Code: "async function* g() { yield 1; yield 2 }\nlet s = 0;\nfor await (const x of g()) s += x;\nreturn s;"})
	if err != nil || res.Status != result.OK || string(res.Output) != "3" {
		t.Fatalf("async generator through the daemon: %+v %v", res, err)
	}
}

func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
